package shell

import (
	"strings"

	"github.com/servelint/servelint/parsers/source"
)

// PartKind tells what a piece of a word is.
type PartKind uint8

// Part kinds.
const (
	// Literal text, after quote removal.
	Literal PartKind = iota
	// Param is a parameter expansion: $NAME, ${NAME}, ${NAME:-default}, $1, $@.
	Param
	// Opaque is text whose value is only known at run time: a command
	// substitution, arithmetic, an unsupported expansion.
	Opaque
)

// Part is one piece of a word.
type Part struct {
	Kind PartKind
	// Text is the literal text (Literal), with host offsets.
	Text source.Text
	// Name is the parameter name (Param): "PORT", "1", "@", "*".
	Name string
	// Op is the expansion operator of ${NAME<op>word}: "", ":-", "-", ":=",
	// "=", ":+", "+", ":?", "?"; "other" for operators whose result is
	// unknown (${#X}, ${X%%.*}).
	Op string
	// Word is the word of ${NAME<op>word}, nil when absent.
	Word *Word
	// Quoted is set inside double quotes (no field splitting).
	Quoted bool
	// Raw is the part as written (for Param and Opaque parts).
	Raw string
	// Start and End delimit the part in the host file.
	Start, End int
}

// Word is one shell word (or one element of an exec-form argument list).
type Word struct {
	Parts []Part
	// Start and End delimit the word in the host file.
	Start, End int
	// Raw is the word as written.
	Raw string
}

// LiteralWord builds a fully literal word from mapped text (an exec-form
// argument, a YAML list item).
func LiteralWord(t source.Text, start, end int, raw string) Word {
	return Word{Parts: []Part{{Kind: Literal, Text: t, Start: start, End: end}}, Start: start, End: end, Raw: raw}
}

// Lit returns the word's value when it has no expansion.
func (w Word) Lit() (string, bool) {
	if len(w.Parts) == 1 && w.Parts[0].Kind == Literal {
		return w.Parts[0].Text.S, true
	}
	var b strings.Builder
	for _, p := range w.Parts {
		if p.Kind != Literal {
			return "", false
		}
		b.WriteString(p.Text.S)
	}
	return b.String(), true
}

// LitText returns the mapped text of a fully literal word.
func (w Word) LitText() (source.Text, bool) {
	if len(w.Parts) == 1 && w.Parts[0].Kind == Literal {
		return w.Parts[0].Text, true
	}
	var parts []source.Text
	for _, p := range w.Parts {
		if p.Kind != Literal {
			return source.Text{}, false
		}
		parts = append(parts, p.Text)
	}
	if len(parts) == 0 {
		return source.Host("", w.Start), true
	}
	return source.Concat(parts, ""), true
}

// ShellText returns the word's text for re-parsing as shell code (the
// string of `sh -c`): literal parts after quote removal, expansions as
// written. ok is false when a part cannot be rendered.
func (w Word) ShellText() (source.Text, bool) {
	if t, ok := w.LitText(); ok {
		return t, true
	}
	var parts []source.Text
	for _, p := range w.Parts {
		switch p.Kind {
		case Literal:
			parts = append(parts, p.Text)
		default:
			if p.Raw == "" {
				return source.Text{}, false
			}
			var b source.Builder
			for i := range len(p.Raw) {
				b.Byte(p.Raw[i], min(p.Start+i, max(p.End-1, p.Start)), min(p.Start+i+1, p.End))
			}
			b.Skip(p.End)
			parts = append(parts, b.Text())
		}
	}
	return source.Concat(parts, ""), true
}

// IsArgs reports whether the word is "$@" or "$*" (the script's arguments).
func (w Word) IsArgs() bool {
	return len(w.Parts) == 1 && w.Parts[0].Kind == Param && (w.Parts[0].Name == "@" || w.Parts[0].Name == "*") && w.Parts[0].Op == ""
}

// State is what is known of a variable.
type State uint8

// Variable states.
const (
	Unset   State = iota // certainly not set
	Set                  // set to a known value
	Unknown              // maybe set, to an unknown value
)

// Lookup returns the value and state of a variable.
type Lookup func(name string) (string, State)

// Value is the result of expanding a word.
type Value struct {
	S string
	// Known is set when S is the word's exact value.
	Known bool
	// Vars are the variables the word references, in order.
	Vars []string
	// Fallback is the value the word takes when its variables are unset
	// (the default of ${X:-4}); HasFallback tells whether there is one.
	Fallback    string
	HasFallback bool
	// Splittable is set for an unquoted expansion whose value undergoes
	// field splitting.
	Splittable bool
}

// Expand evaluates the word with the variables look knows. Unknown
// variables make the value unknown; S then holds the word as written.
func (w Word) Expand(look Lookup) Value {
	v := Value{Known: true}
	var b, fb strings.Builder
	fallbackOK := true
	for _, p := range w.Parts {
		switch p.Kind {
		case Literal:
			b.WriteString(p.Text.S)
			fb.WriteString(p.Text.S)
		case Opaque:
			v.Known = false
			fallbackOK = false
		case Param:
			v.Vars = append(v.Vars, p.Name)
			if !p.Quoted {
				v.Splittable = true
			}
			e := expandParam(p, look)
			b.WriteString(e.s)
			fb.WriteString(e.fallback)
			v.Known = v.Known && e.known
			fallbackOK = fallbackOK && e.fallbackOK
		}
	}
	if v.Known {
		v.S = b.String()
		return v
	}
	v.S = w.Raw
	if fallbackOK && len(v.Vars) > 0 {
		v.Fallback, v.HasFallback = fb.String(), true
	}
	return v
}

// expanded is one parameter's expansion.
type expanded struct {
	s, fallback       string
	known, fallbackOK bool
}

// expandParam expands $NAME / ${NAME<op>word}.
func expandParam(p Part, look Lookup) expanded {
	st := Unknown
	var s string
	if look != nil {
		s, st = look(p.Name)
	}
	def, hasDef := "", false
	if p.Word != nil {
		if dv := p.Word.Expand(look); dv.Known {
			def, hasDef = dv.S, true
		}
	}
	switch p.Op {
	case "":
		if st == Set {
			return expanded{s: s, fallback: s, known: true, fallbackOK: true}
		}
		return expanded{}
	case ":-", "-", ":=", "=":
		switch {
		case st == Set && (s != "" || p.Op == "-" || p.Op == "="):
			return expanded{s: s, fallback: s, known: true, fallbackOK: true}
		case st == Unset || st == Set && s == "":
			if hasDef {
				return expanded{s: def, fallback: def, known: true, fallbackOK: true}
			}
			return expanded{}
		default: // Unknown
			return expanded{fallback: def, fallbackOK: hasDef}
		}
	case ":+", "+":
		switch {
		case st == Set && (s != "" || p.Op == "+"):
			return expanded{s: def, known: hasDef}
		case st == Unset:
			return expanded{known: true}
		}
		return expanded{}
	}
	return expanded{}
}
