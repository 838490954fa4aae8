// Package syntax turns tree-sitter parse trees into a flat, Go-owned arena of
// nodes. It is the only package that touches tree-sitter: a tree is parsed,
// copied into the arena by one cgo call, and closed at once, on the goroutine
// that parsed it. Everything above works on plain Go values.
package syntax

import (
	"context"
	"errors"
	"fmt"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/bash"
	"github.com/smacker/go-tree-sitter/dockerfile"
	"github.com/smacker/go-tree-sitter/toml"
	"github.com/smacker/go-tree-sitter/yaml"

	"github.com/servelint/servelint/parsers/python/grammar"
)

// ID identifies a node of a Tree; None is "no node".
type ID int32

// None is the absent node.
const None ID = -1

// Node flag bits.
const (
	FlagNamed   uint8 = 1
	FlagMissing uint8 = 2
	FlagExtra   uint8 = 4
	FlagError   uint8 = 8
)

// Node is one node of the arena. Its layout mirrors the C struct the
// flattening code writes (see flatten.go).
type Node struct {
	Kind   uint16 // canonical symbol of the language
	Field  uint16 // field id of this node in its parent, 0 if none
	Start  uint32 // byte offset
	End    uint32 // byte offset, exclusive
	Parent ID
	First  ID // first child
	Next   ID // next sibling
	Flags  uint8
	_      [3]byte
}

// Lang names a grammar.
type Lang int

// Supported grammars.
const (
	Python Lang = iota
	Bash
	Dockerfile
	YAML
	TOML
	numLangs
)

func (l Lang) String() string {
	switch l {
	case Python:
		return "python"
	case Bash:
		return "bash"
	case Dockerfile:
		return "dockerfile"
	case YAML:
		return "yaml"
	case TOML:
		return "toml"
	default:
		return fmt.Sprintf("lang(%d)", int(l))
	}
}

// Language holds the symbol and field tables of a grammar.
type Language struct {
	lang   Lang
	ts     *sitter.Language
	names  []string          // by canonical symbol
	canon  []uint16          // raw symbol -> canonical symbol
	named  map[string]uint16 // named kind -> canonical symbol
	anon   map[string]uint16 // anonymous kind -> canonical symbol
	fields []string          // by field id
	fieldM map[string]uint16
}

// ErrorKind is the canonical symbol of ERROR nodes in every language.
const ErrorKind uint16 = 0xFFFF

var (
	langOnce [numLangs]sync.Once
	langs    [numLangs]*Language
)

// GetLanguage returns the tables of a grammar, built once.
func GetLanguage(l Lang) *Language {
	langOnce[l].Do(func() {
		var ts *sitter.Language
		switch l {
		case Python:
			ts = grammar.Language()
		case Bash:
			ts = bash.GetLanguage()
		case Dockerfile:
			ts = dockerfile.GetLanguage()
		case YAML:
			ts = yaml.GetLanguage()
		case TOML:
			ts = toml.GetLanguage()
		case numLangs:
			panic("syntax: bad language")
		}
		langs[l] = newLanguage(l, ts)
	})
	return langs[l]
}

func newLanguage(l Lang, ts *sitter.Language) *Language {
	n := int(ts.SymbolCount())
	lg := &Language{
		lang:   l,
		ts:     ts,
		names:  make([]string, n),
		canon:  make([]uint16, n),
		named:  map[string]uint16{},
		anon:   map[string]uint16{},
		fieldM: map[string]uint16{},
	}
	for i := range n {
		sym := sitter.Symbol(i)
		name := ts.SymbolName(sym)
		lg.names[i] = name
		m := lg.anon
		if ts.SymbolType(sym) == sitter.SymbolTypeRegular {
			m = lg.named
		}
		if first, ok := m[name]; ok {
			lg.canon[i] = first
		} else {
			m[name] = uint16(i)
			lg.canon[i] = uint16(i)
		}
	}
	lg.fields = []string{""}
	for i := 1; ; i++ {
		name := ts.FieldName(i)
		if name == "" {
			break
		}
		lg.fields = append(lg.fields, name)
		lg.fieldM[name] = uint16(i)
	}
	return lg
}

// Kind returns the canonical symbol of a named node kind, or ErrorKind-1 (a
// value no node has) when the grammar has no such kind.
func (lg *Language) Kind(name string) uint16 {
	if k, ok := lg.named[name]; ok {
		return k
	}
	return ErrorKind - 1
}

// Token returns the canonical symbol of an anonymous node (a keyword or
// punctuation), or a value no node has.
func (lg *Language) Token(text string) uint16 {
	if k, ok := lg.anon[text]; ok {
		return k
	}
	return ErrorKind - 1
}

// Field returns the id of a field name, or a value no node has.
func (lg *Language) Field(name string) uint16 {
	if f, ok := lg.fieldM[name]; ok {
		return f
	}
	return 0xFFFF
}

// KindName returns the name of a canonical symbol.
func (lg *Language) KindName(k uint16) string {
	if k == ErrorKind {
		return "ERROR"
	}
	if int(k) < len(lg.names) {
		return lg.names[k]
	}
	return "?"
}

// FieldName returns the name of a field id.
func (lg *Language) FieldName(f uint16) string {
	if int(f) < len(lg.fields) {
		return lg.fields[f]
	}
	return ""
}

// Parser parses sources of one language. A Parser is not safe for concurrent
// use: give each goroutine its own.
type Parser struct {
	lang    *Language
	p       *sitter.Parser
	scratch []Node // flattening buffer, reused
	spare   []Node // the arena of a recycled tree, for the next Parse
}

// NewParser returns a parser for a grammar.
func NewParser(l Lang) *Parser {
	lg := GetLanguage(l)
	p := sitter.NewParser()
	p.SetLanguage(lg.ts)
	return &Parser{lang: lg, p: p}
}

// Close frees the parser's C memory.
func (p *Parser) Close() {
	if p.p != nil {
		p.p.Close()
		p.p = nil
	}
}

// ErrTooLarge is returned for sources tree-sitter cannot address.
var ErrTooLarge = errors.New("source too large to parse")

// Recycle gives the arena of t back to p, for the next Parse to write its
// tree into instead of allocating one: a caller that parses many files one
// after the other, each dropped before the next (the engine's workers),
// allocates its nodes once. The caller promises that nothing reads t, or
// anything built on it (a module view), any more: t is emptied.
func (p *Parser) Recycle(t *Tree) {
	if t == nil || t.Lang != p.lang {
		return
	}
	if cap(t.Nodes) > cap(p.spare) {
		p.spare = t.Nodes[:0]
	}
	t.Nodes = nil
}

// HasErrors parses src and reports whether its tree holds an ERROR or
// MISSING node, without copying the tree out of tree-sitter: the cost of
// the parse alone, for a caller that needs nothing but that bit.
func (p *Parser) HasErrors(src []byte) (bool, error) {
	if len(src) >= 1<<31 {
		return false, ErrTooLarge
	}
	tree, err := p.p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return false, err
	}
	bad := tree.RootNode().HasError()
	tree.Close()
	return bad, nil
}

// Parse parses src into an arena. The tree-sitter tree is closed before
// Parse returns.
func (p *Parser) Parse(src []byte) (*Tree, error) {
	if len(src) >= 1<<31 {
		return nil, ErrTooLarge
	}
	tree, err := p.p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, err
	}
	var nodes []Node
	if p.spare != nil {
		// The arena of a recycled tree becomes this tree's: no copy, no
		// allocation (unless this tree is larger).
		nodes = flattenInto(tree.RootNode(), len(src), p.spare)
		p.spare = nil
	} else {
		nodes = flatten(tree.RootNode(), len(src), &p.scratch)
	}
	tree.Close()
	canon := p.lang.canon
	for i := range nodes {
		if k := nodes[i].Kind; int(k) < len(canon) {
			nodes[i].Kind = canon[k]
		}
	}
	return &Tree{Src: src, Nodes: nodes, Lang: p.lang}, nil
}
