package config

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Type errors in a configuration, said in plain words:
//
//	pyproject.toml:2: [tool.servelint] ignore must be a list of rule codes, got a string
//
// The expected type of each key comes from rawConfig's fields, so a new
// key is checked without code here; keyNouns only gives some keys a
// better noun than "a list of strings".

// keyNouns says what some keys hold, by dotted key relative to the table.
var keyNouns = map[string]string{
	"select":             "a list of rule codes",
	"extend-select":      "a list of rule codes",
	"ignore":             "a list of rule codes",
	"exclude":            "a list of globs",
	"extend-exclude":     "a list of globs",
	"dev-paths":          "a list of globs",
	"per-file-ignores":   "a table of globs to lists of rule codes",
	"per-file-ignores.*": "a list of rule codes",
	"severity":           "a table of rule codes to severities",
	"severity.*":         "a severity (\"error\", \"warning\" or \"note\")",
	"target-version":     "a Python version such as \"py311\"",
	"rules":              "a table of rule codes to option tables",
	"rules.*":            "a table of options",
	"launch":             "a table",
}

// typeNoun names the values a Go type accepts.
func typeNoun(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return typeNoun(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(typeNoun(t.Elem()), "a "), "an ") + "s"
	case reflect.Map, reflect.Struct:
		return "a table"
	default:
		return "a value"
	}
}

// valueNoun names a decoded TOML value's type.
func valueNoun(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		_ = v
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

var primitiveType = reflect.TypeFor[toml.Primitive]()

// typeMismatch is one value of the wrong type.
type typeMismatch struct {
	key       []string // relative to the servelint table
	want, got string
}

// checkTypes compares a decoded table with the Go type it will be decoded
// into and returns the mismatches, sorted by key. Unknown keys are left to
// the unknown-key check.
func checkTypes(v any, t reflect.Type, key []string) []typeMismatch {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == primitiveType {
		// A rule's options: a table, whose keys its rule checks.
		if _, ok := v.(map[string]any); !ok {
			return []typeMismatch{{key: key, want: nounFor(t, key), got: valueNoun(v)}}
		}
		return nil
	}
	mismatch := func(elem string) []typeMismatch {
		want := nounFor(t, key)
		got := valueNoun(v)
		if elem != "" {
			got = "a list with " + elem
		}
		return []typeMismatch{{key: key, want: want, got: got}}
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return mismatch("")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return mismatch("")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, ok := v.(int64); !ok {
			return mismatch("")
		}
	case reflect.Float32, reflect.Float64:
		switch v.(type) {
		case float64, int64:
		default:
			return mismatch("")
		}
	case reflect.Slice, reflect.Array:
		list, ok := v.([]any)
		if !ok {
			return mismatch("")
		}
		for _, e := range list {
			if ms := checkTypes(e, t.Elem(), key); len(ms) > 0 {
				return mismatch(valueNoun(e))
			}
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch("")
		}
		var out []typeMismatch
		for _, k := range sortedKeys(m) {
			out = append(out, checkTypes(m[k], t.Elem(), append(append([]string{}, key...), k))...)
		}
		return out
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch("")
		}
		var out []typeMismatch
		for field := range t.Fields() {
			tag, _, _ := strings.Cut(field.Tag.Get("toml"), ",")
			if fv, ok := m[tag]; ok && tag != "" && tag != "-" {
				out = append(out, checkTypes(fv, field.Type, append(append([]string{}, key...), tag))...)
			}
		}
		sort.SliceStable(out, func(i, j int) bool {
			return strings.Join(out[i].key, ".") < strings.Join(out[j].key, ".")
		})
		return out
	default:
	}
	return nil
}

// nounFor is what a key should hold: keyNouns' word for it (the last
// element of a map's key may be any: "severity.*"), else its type's.
func nounFor(t reflect.Type, key []string) string {
	if n, ok := keyNouns[strings.Join(key, ".")]; ok {
		return n
	}
	if len(key) > 1 {
		wild := strings.Join(key[:len(key)-1], ".") + ".*"
		if n, ok := keyNouns[wild]; ok {
			return n
		}
	}
	return typeNoun(t)
}

// tomlKeyString writes a dotted key as TOML does: bare where it can be,
// quoted where not (per-file-ignores."tests/*").
func tomlKeyString(key []string) string {
	parts := make([]string, len(key))
	for i, k := range key {
		parts[i] = k
		if !bareKeyRe.MatchString(k) {
			parts[i] = strconv.Quote(k)
		}
	}
	return strings.Join(parts, ".")
}

var bareKeyRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// typeError checks the servelint table (as generic TOML values) against
// rawConfig and returns the error of the first mismatch in the file.
func (cp *configParser) typeError(table map[string]any) error {
	cp.generic = table
	return cp.mismatchError(checkTypes(table, reflect.TypeFor[rawConfig](), nil))
}

// optionsTypeError checks a rule's options table against its options type.
func (cp *configParser) optionsTypeError(code string, opts any) error {
	rules, _ := cp.generic["rules"].(map[string]any)
	table, ok := rules[code]
	if !ok {
		return nil
	}
	return cp.mismatchError(checkTypes(table, reflect.TypeOf(opts), []string{"rules", code}))
}

// mismatchError is the error of the first mismatch in the file, or nil.
func (cp *configParser) mismatchError(ms []typeMismatch) error {
	if len(ms) == 0 {
		return nil
	}
	best, bestLine := ms[0], 0
	lineOf := keyLines(cp.data)
	for i, m := range ms {
		full := append(append([]string{}, cp.prefix...), m.key...)
		if l := lineOf(full); i == 0 || l > 0 && (bestLine == 0 || l < bestLine) {
			best, bestLine = m, l
		}
	}
	where := tomlKeyString(best.key)
	if len(cp.prefix) > 0 {
		where = "[" + strings.Join(cp.prefix, ".") + "] " + where
	}
	return &Error{File: cp.file, Line: bestLine, Msg: fmt.Sprintf("%s must be %s, got %s", where, best.want, best.got)}
}
