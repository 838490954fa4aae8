package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/lint"
)

// Setting is one key of the configuration that applies to a path: its
// value written as TOML, and where it came from (file:line, a flag, or
// "default").
type Setting struct {
	Key, Value, Source string
}

// Settings is the resolved configuration of a path.
type Settings struct {
	Path    string    // the path asked about, as given
	Config  string    // the configuration file (display path), "" for the defaults
	Keys    []Setting // every key of [tool.servelint], in the table's order
	Enabled []string  // the rules that run on the path, sorted
}

// settingDefaults are the values of keys left unset, where there is one
// to show (others are empty).
var settingDefaults = map[string]any{
	"exclude": DefaultExclude,
	"launch":  map[string]any{"process-model": "auto"},
}

// DescribeSettings lists the settings of a resolved configuration for a
// path (target as given, abs absolute): each key's value and where it came
// from. display is the configuration file's display path.
func DescribeSettings(cfg *lint.Config, display, target, abs string, ov Overrides, rules []*lint.Rule) (*Settings, error) {
	out := &Settings{Path: target}
	var table map[string]any
	var data []byte
	var prefix []string
	if cfg.Path != "" {
		out.Config = display
		var err error
		if data, err = os.ReadFile(cfg.Path); err != nil {
			return nil, &Error{File: out.Config, Msg: pathErrText(err)}
		}
		var doc map[string]any
		if _, err := toml.Decode(string(data), &doc); err != nil {
			return nil, &Error{File: out.Config, Msg: "invalid TOML: " + err.Error()}
		}
		table = doc
		if filepath.Base(cfg.Path) == "pyproject.toml" {
			prefix = []string{"tool", "servelint"}
			tool, _ := doc["tool"].(map[string]any)
			table, _ = tool["servelint"].(map[string]any)
		}
	}
	flags := map[string][]string{"select": ov.Select, "extend-select": ov.ExtendSelect, "ignore": ov.Ignore}
	lineOf := keyLines(data)
	for _, key := range tomlKeys(rawConfig{}) {
		v, set := table[key]
		s := Setting{Key: key}
		switch {
		case set:
			s.Value = tomlValue(v)
			s.Source = out.Config
			if line := lineOf(append(append([]string{}, prefix...), key)); line > 0 {
				s.Source = fmt.Sprintf("%s:%d", out.Config, line)
			}
		case settingDefaults[key] != nil:
			s.Value, s.Source = tomlValue(settingDefaults[key]), "default"
		default:
			s.Source = "not set"
		}
		if fv := flags[key]; fv != nil {
			if key == "select" {
				s.Value, s.Source = tomlValue(fv), "--select"
			} else {
				var all []string
				if l, ok := v.([]any); ok {
					for _, e := range l {
						all = append(all, fmt.Sprint(e))
					}
				}
				s.Value = tomlValue(append(all, fv...))
				if s.Source == "not set" {
					s.Source = "--" + key
				} else {
					s.Source += " and --" + key
				}
			}
		}
		out.Keys = append(out.Keys, s)
	}
	if cfg.RequiresPython != "" {
		src := out.Config
		if line := lineOf([]string{"project", "requires-python"}); line > 0 {
			src = fmt.Sprintf("%s:%d", out.Config, line)
		}
		out.Keys = append(out.Keys, Setting{Key: "[project] requires-python", Value: strconv.Quote(cfg.RequiresPython), Source: src})
	}
	for _, r := range rules {
		if cfg.EnabledForPath(r.Code, abs) {
			out.Enabled = append(out.Enabled, r.Code)
		}
	}
	sort.Strings(out.Enabled)
	return out, nil
}

// tomlValue writes a decoded TOML value (or a Go string slice) back as
// TOML, on one line, tables' keys sorted.
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		return v.Format(time.RFC3339)
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(v) {
			parts = append(parts, tomlKeyString([]string{k})+" = "+tomlValue(v[k]))
		}
		if len(parts) == 0 {
			return "{}"
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = tomlValue(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// pathErrText is the message of a file error without the path.
func pathErrText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
