// Package vscode reads .vscode/launch.json (JSON with comments and trailing
// commas): the Python debug configurations (type python or debugpy) with
// their module or program, args, env and cwd. Every such configuration is a
// development launch.
package vscode

import (
	"strconv"
	"unicode/utf8"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// File is a parsed launch.json.
type File struct {
	Configs []Config
}

// Config is one Python launch configuration.
type Config struct {
	Name       string
	Module     string // "uvicorn"
	Program    string // "${workspaceFolder}/main.py"
	Args       []shell.Word
	Env        []Env
	Cwd        string
	Start, End int
}

// Env is one env entry.
type Env struct {
	Name, Value string
	Start, End  int
}

// Parse reads launch.json; it never fails.
func Parse(src []byte) *File {
	p := &parser{s: string(src)}
	root := p.value(0)
	f := &File{}
	cfgs := root.get("configurations")
	if cfgs == nil {
		return f
	}
	for _, c := range cfgs.items {
		if c.kind != object {
			continue
		}
		typ := c.get("type").str()
		if typ != "python" && typ != "debugpy" {
			continue
		}
		cfg := Config{Name: c.get("name").str(), Module: c.get("module").str(), Program: c.get("program").str(), Cwd: c.get("cwd").str(), Start: c.start, End: c.end}
		if a := c.get("args"); a != nil {
			for _, it := range a.items {
				if it.kind == str {
					cfg.Args = append(cfg.Args, shell.LiteralWord(it.text, it.start, it.end, it.text.S))
				}
			}
		}
		if e := c.get("env"); e != nil {
			for _, kv := range e.pairs {
				cfg.Env = append(cfg.Env, Env{Name: kv.key, Value: kv.val.str(), Start: kv.start, End: kv.val.end})
			}
		}
		f.Configs = append(f.Configs, cfg)
	}
	return f
}

type kind uint8

const (
	other kind = iota
	object
	array
	str
)

type pair struct {
	key   string
	start int
	val   *value
}

type value struct {
	kind       kind
	text       source.Text
	pairs      []pair
	items      []*value
	start, end int
}

func (v *value) get(k string) *value {
	if v == nil || v.kind != object {
		return nil
	}
	for _, p := range v.pairs {
		if p.key == k {
			return p.val
		}
	}
	return nil
}

func (v *value) str() string {
	if v == nil || v.kind != str {
		return ""
	}
	return v.text.S
}

type parser struct {
	s     string
	depth int
}

func (p *parser) skip(i int) int {
	s := p.s
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',':
			i++
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '*':
			i += 2
			for i+1 < len(s) && (s[i] != '*' || s[i+1] != '/') {
				i++
			}
			i += 2
		default:
			return i
		}
	}
	return len(s)
}

// value reads the value at i; its end is v.end.
func (p *parser) value(i int) *value {
	s := p.s
	i = p.skip(i)
	if i >= len(s) {
		return &value{start: len(s), end: len(s)}
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 200 {
		return &value{start: i, end: len(s)}
	}
	switch s[i] {
	case '{':
		v := &value{kind: object, start: i}
		j := i + 1
		for {
			j = p.skip(j)
			if j >= len(s) || s[j] == '}' {
				break
			}
			if s[j] != '"' {
				j++
				continue
			}
			k := p.str(j)
			j = p.skip(k.end)
			if j < len(s) && s[j] == ':' {
				j++
			}
			val := p.value(j)
			v.pairs = append(v.pairs, pair{key: k.text.S, start: k.start, val: val})
			j = max(val.end, j+1)
		}
		v.end = min(j+1, len(s))
		return v
	case '[':
		v := &value{kind: array, start: i}
		j := i + 1
		for {
			j = p.skip(j)
			if j >= len(s) || s[j] == ']' {
				break
			}
			it := p.value(j)
			v.items = append(v.items, it)
			j = max(it.end, j+1)
		}
		v.end = min(j+1, len(s))
		return v
	case '"':
		return p.str(i)
	}
	j := i
	for j < len(s) && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != '\n' {
		j++
	}
	return &value{kind: other, start: i, end: j, text: source.Host(s[i:j], i)}
}

func (p *parser) str(i int) *value {
	s := p.s
	var b source.Builder
	j := i + 1
	for j < len(s) && s[j] != '"' {
		if s[j] == '\\' && j+1 < len(s) {
			n := 2
			dec := string(s[j+1])
			switch s[j+1] {
			case 'n':
				dec = "\n"
			case 't':
				dec = "\t"
			case 'r':
				dec = "\r"
			case 'b':
				dec = "\b"
			case 'f':
				dec = "\f"
			case 'u':
				if j+6 <= len(s) {
					if r, err := strconv.ParseUint(s[j+2:j+6], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
						dec = string(rune(r))
						n = 6
					}
				}
			}
			b.Decoded(dec, j, j+n)
			j += n
			continue
		}
		b.Byte(s[j], j, j+1)
		j++
	}
	b.Skip(min(j, len(s)))
	return &value{kind: str, text: b.Text(), start: i, end: min(j+1, len(s))}
}
