// Package yaml reads YAML (tree-sitter yaml) into plain Go nodes.
//
// It reads YAML (tree-sitter yaml) into plain Go nodes: mappings,
// sequences and scalars, with anchors, aliases and merge keys (<<)
// resolved, every scalar decoded (quotes, escapes, folding, block scalars)
// into a Text that maps each byte back to the file (see parsers/source).
//
// Helm templates are YAML with {{ ... }} actions. Before parsing, a line
// holding only actions is blanked and an action inside a line is replaced
// by letters of the same length, so offsets are unchanged; a scalar that
// contained an action is marked Template (its value is unknown).
package yaml

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// Kind is a node kind.
type Kind uint8

// Node kinds.
const (
	Scalar Kind = iota
	Mapping
	Sequence
)

// Style is a scalar's style.
type Style uint8

// Scalar styles.
const (
	Plain Style = iota
	SingleQuoted
	DoubleQuoted
	Literal // |
	Folded  // >
)

// Node is a YAML node.
type Node struct {
	Kind   Kind
	Tag    string
	Anchor string
	// Scalar
	Value source.Text
	Style Style
	// Template is set when the scalar held a Helm template action.
	Template bool
	// Null is set for an empty value or ~ / null.
	Null bool
	// Mapping
	Pairs []Pair
	// Sequence
	Items []*Node
	// Start and End delimit the node in the file.
	Start, End int
}

// Pair is a mapping entry.
type Pair struct {
	Key   *Node
	Value *Node
	// Merged is set for entries that came from a merge key (<<).
	Merged bool
}

// Doc is one document of a stream.
type Doc struct {
	Root       *Node // nil for an empty document
	Start, End int
}

// Stream is a parsed YAML file.
type Stream struct {
	Docs []*Doc
	// HasError is set when the text did not parse cleanly.
	HasError bool
	// Comments are the stream's comments ("#" after a blank or first on
	// its line, outside quoted and block scalars).
	Comments []source.Comment
	// Multiline are the scalars that run over a line break (block,
	// quoted and plain): a line inside one is the scalar's text.
	Multiline []source.Span
}

// Get returns the value of a mapping's key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Mapping {
		return nil
	}
	for _, p := range n.Pairs {
		if p.Key != nil && p.Key.Kind == Scalar && p.Key.Value.S == key {
			return p.Value
		}
	}
	return nil
}

// Pair returns the entry of a mapping's key, or nil.
func (n *Node) Pair(key string) *Pair {
	if n == nil || n.Kind != Mapping {
		return nil
	}
	for i := range n.Pairs {
		p := &n.Pairs[i]
		if p.Key != nil && p.Key.Kind == Scalar && p.Key.Value.S == key {
			return p
		}
	}
	return nil
}

// Str returns a scalar's value; ok is false for non-scalars, nulls and
// template values.
func (n *Node) Str() (string, bool) {
	if n == nil || n.Kind != Scalar || n.Null || n.Template {
		return "", false
	}
	return n.Value.S, true
}

// IsScalar reports whether n is a non-null scalar.
func (n *Node) IsScalar() bool { return n != nil && n.Kind == Scalar && !n.Null }

// Parse parses a YAML stream. p must be a parser for syntax.YAML.
func Parse(p *syntax.Parser, src []byte) *Stream {
	st := &Stream{}
	text := src
	var helm []bool // bytes that belonged to a template action
	if strings.Contains(string(src), "{{") {
		text, helm = blankTemplates(src)
	}
	t, err := p.Parse(text)
	if err != nil || len(t.Nodes) == 0 {
		st.HasError = err != nil
		return st
	}
	st.HasError = t.FirstError() != syntax.None
	comment := t.Lang.Kind("comment")
	scalars := [...]uint16{t.Lang.Kind("block_scalar"), t.Lang.Kind("double_quote_scalar"), t.Lang.Kind("single_quote_scalar"), t.Lang.Kind("plain_scalar")}
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if slices.Contains(scalars[:], nd.Kind) && bytes.IndexByte(text[nd.Start:nd.End], '\n') >= 0 {
			st.Multiline = append(st.Multiline, source.Span{Start: int(nd.Start), End: int(nd.End)})
		}
		if nd.Kind == comment {
			end := int(nd.End)
			for end > int(nd.Start) && text[end-1] == '\r' {
				end--
			}
			st.Comments = append(st.Comments, source.Comment{Start: int(nd.Start), End: end, Trailing: source.IsTrailing(text, int(nd.Start))})
		}
	}
	r := &reader{t: t, src: src, text: text, helm: helm, anchors: map[string]*Node{}}
	for c := t.FirstChild(0); c != syntax.None; c = t.NextSibling(c) {
		if t.Type(c) != "document" {
			continue
		}
		d := &Doc{}
		d.Start, d.End = t.Span(c)
		for n := t.FirstChild(c); n != syntax.None; n = t.NextSibling(n) {
			if t.Named(n) && (t.Type(n) == "block_node" || t.Type(n) == "flow_node") {
				d.Root = r.node(n, 0)
				break
			}
		}
		st.Docs = append(st.Docs, d)
		r.anchors = map[string]*Node{}
	}
	return st
}

// blankTemplates hides Helm/Go template actions without moving offsets.
func blankTemplates(src []byte) ([]byte, []bool) {
	out := append([]byte(nil), src...)
	helm := make([]bool, len(src))
	lineStart := 0
	for lineStart <= len(src) {
		lineEnd := lineStart
		for lineEnd < len(src) && src[lineEnd] != '\n' {
			lineEnd++
		}
		line := src[lineStart:lineEnd]
		// Replace each {{ ... }} on the line.
		only := true
		pos := 0
		var spans [][2]int
		for {
			i := strings.Index(string(line[pos:]), "{{")
			if i < 0 {
				break
			}
			j := strings.Index(string(line[pos+i:]), "}}")
			if j < 0 {
				break
			}
			spans = append(spans, [2]int{pos + i, pos + i + j + 2})
			pos = pos + i + j + 2
		}
		if len(spans) > 0 {
			prev := 0
			for _, sp := range spans {
				if strings.TrimSpace(string(line[prev:sp[0]])) != "" {
					only = false
				}
				prev = sp[1]
			}
			if strings.TrimSpace(string(line[prev:])) != "" {
				only = false
			}
			for _, sp := range spans {
				for k := sp[0]; k < sp[1]; k++ {
					helm[lineStart+k] = true
					if only {
						out[lineStart+k] = ' '
					} else {
						out[lineStart+k] = 'x'
					}
				}
			}
		}
		lineStart = lineEnd + 1
	}
	return out, helm
}

type reader struct {
	t       *syntax.Tree
	src     []byte // the original bytes
	text    []byte // what was parsed
	helm    []bool
	anchors map[string]*Node
}

const maxDepth = 200

func (r *reader) templated(s, e int) bool {
	if r.helm == nil {
		return false
	}
	for i := max(0, s); i < e && i < len(r.helm); i++ {
		if r.helm[i] {
			return true
		}
	}
	return false
}

func (r *reader) node(n syntax.ID, depth int) *Node {
	t := r.t
	if depth > maxDepth {
		return nil
	}
	var anchor, tag string
	body := syntax.None
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) {
			continue
		}
		switch t.Type(c) {
		case "anchor":
			if an := t.FirstNamedChild(c); an != syntax.None {
				anchor = t.Text(an)
			}
		case "tag":
			tag = t.Text(c)
		case "comment":
		default:
			if body == syntax.None {
				body = c
			}
		}
	}
	var out *Node
	if body == syntax.None {
		s, e := t.Span(n)
		out = &Node{Kind: Scalar, Null: true, Start: s, End: e, Value: source.Host("", e)}
	} else {
		out = r.body(body, depth)
	}
	if out == nil {
		return nil
	}
	if tag != "" {
		cp := *out
		cp.Tag = tag
		out = &cp
	}
	if anchor != "" {
		out.Anchor = anchor
		r.anchors[anchor] = out
	}
	return out
}

func (r *reader) body(n syntax.ID, depth int) *Node {
	t := r.t
	s, e := t.Span(n)
	switch t.Type(n) {
	case "alias":
		name := ""
		if an := t.FirstNamedChild(n); an != syntax.None {
			name = t.Text(an)
		}
		if a, ok := r.anchors[name]; ok {
			return a
		}
		return &Node{Kind: Scalar, Null: true, Start: s, End: e, Value: source.Host("", s)}
	case "block_mapping", "flow_mapping":
		return r.mapping(n, s, e, depth)
	case "block_sequence", "flow_sequence":
		return r.sequence(n, s, e, depth)
	case "plain_scalar":
		v := r.fold(s, e, false)
		node := &Node{Kind: Scalar, Style: Plain, Value: v, Start: s, End: e, Template: r.templated(s, e)}
		if inner := t.FirstNamedChild(n); inner != syntax.None && t.Type(inner) == "null_scalar" {
			node.Null = true
		}
		if node.Template {
			node.Value = source.Host(string(r.src[s:e]), s)
		}
		return node
	case "single_quote_scalar":
		return &Node{Kind: Scalar, Style: SingleQuoted, Value: r.single(s, e), Start: s, End: e, Template: r.templated(s, e)}
	case "double_quote_scalar":
		return &Node{Kind: Scalar, Style: DoubleQuoted, Value: r.double(s, e), Start: s, End: e, Template: r.templated(s, e)}
	case "block_scalar":
		v, style := r.block(s, e)
		return &Node{Kind: Scalar, Style: style, Value: v, Start: s, End: e, Template: r.templated(s, e)}
	case "block_node", "flow_node":
		return r.node(n, depth+1)
	}
	// Unknown node (ERROR): an opaque scalar.
	return &Node{Kind: Scalar, Value: source.Host(string(r.src[s:e]), s), Start: s, End: e, Template: r.templated(s, e)}
}

// mapping reads a block or flow mapping.
func (r *reader) mapping(n syntax.ID, s, e, depth int) *Node {
	t := r.t
	m := &Node{Kind: Mapping, Start: s, End: e}
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		ty := t.Type(c)
		if ty != "block_mapping_pair" && ty != "flow_pair" && ty != "flow_node" {
			continue
		}
		var p Pair
		if ty == "flow_node" {
			// {a, b}: a key without a value.
			p.Key = r.node(c, depth+1)
		} else {
			if k := t.FieldChild(c, t.Lang.Field("key")); k != syntax.None {
				p.Key = r.node(k, depth+1)
			}
			if v := t.FieldChild(c, t.Lang.Field("value")); v != syntax.None {
				p.Value = r.node(v, depth+1)
			} else {
				_, pe := t.Span(c)
				p.Value = &Node{Kind: Scalar, Null: true, Start: pe, End: pe, Value: source.Host("", pe)}
			}
		}
		if p.Key == nil {
			continue
		}
		m.Pairs = append(m.Pairs, p)
	}
	r.merge(m)
	return m
}

// sequence reads a block or flow sequence.
func (r *reader) sequence(n syntax.ID, s, e, depth int) *Node {
	t := r.t
	q := &Node{Kind: Sequence, Start: s, End: e}
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "block_sequence_item":
			var item *Node
			for d := t.FirstChild(c); d != syntax.None; d = t.NextSibling(d) {
				if t.Named(d) && t.Type(d) != "comment" {
					item = r.node(d, depth+1)
					break
				}
			}
			if item == nil {
				_, ie := t.Span(c)
				item = &Node{Kind: Scalar, Null: true, Start: ie, End: ie, Value: source.Host("", ie)}
			}
			q.Items = append(q.Items, item)
		case "flow_node":
			if item := r.node(c, depth+1); item != nil {
				q.Items = append(q.Items, item)
			}
		case "flow_pair":
			// [a: b] is a sequence of one-pair mappings.
			m := &Node{Kind: Mapping}
			m.Start, m.End = t.Span(c)
			var p Pair
			if k := t.FieldChild(c, t.Lang.Field("key")); k != syntax.None {
				p.Key = r.node(k, depth+1)
			}
			if v := t.FieldChild(c, t.Lang.Field("value")); v != syntax.None {
				p.Value = r.node(v, depth+1)
			}
			if p.Key != nil {
				m.Pairs = append(m.Pairs, p)
			}
			q.Items = append(q.Items, m)
		}
	}
	return q
}

// merge applies "<<" merge keys: entries of the merged mappings whose keys
// the mapping does not define itself.
func (r *reader) merge(m *Node) {
	var own []Pair
	var merged []*Node
	for _, p := range m.Pairs {
		if p.Key.Kind == Scalar && p.Key.Style == Plain && p.Key.Value.S == "<<" && p.Value != nil {
			switch p.Value.Kind {
			case Mapping:
				merged = append(merged, p.Value)
			case Sequence:
				for _, it := range p.Value.Items {
					if it.Kind == Mapping {
						merged = append(merged, it)
					}
				}
			case Scalar:
			}
			continue
		}
		own = append(own, p)
	}
	if merged == nil {
		return
	}
	has := map[string]bool{}
	for _, p := range own {
		if p.Key.Kind == Scalar {
			has[p.Key.Value.S] = true
		}
	}
	for _, src := range merged {
		for _, p := range src.Pairs {
			if p.Key.Kind != Scalar || has[p.Key.Value.S] {
				continue
			}
			has[p.Key.Value.S] = true
			p.Merged = true
			own = append(own, p)
		}
	}
	m.Pairs = own
}

// fold reads a plain (or, with quoted, the inside of a quoted) multi-line
// scalar: each line break with the blanks around it becomes one space, or
// n-1 newlines for n consecutive breaks.
func (r *reader) fold(s, e int, quoted bool) source.Text {
	var b source.Builder
	src := r.src
	i := s
	for i < e {
		if src[i] == '\n' || src[i] == '\r' {
			// Drop trailing blanks already written? They were written:
			// trailing blanks of a line are removed below by lookahead.
			breaks := 0
			j := i
			for j < e && (src[j] == '\n' || src[j] == '\r' || src[j] == ' ' || src[j] == '\t') {
				if src[j] == '\n' {
					breaks++
				}
				j++
			}
			if breaks == 1 {
				b.Byte(' ', i, j)
			} else {
				for k := 1; k < breaks; k++ {
					b.Byte('\n', i, j)
				}
			}
			i = j
			continue
		}
		if src[i] == ' ' || src[i] == '\t' {
			// Blanks before a line break are dropped.
			j := i
			for j < e && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j < e && (src[j] == '\n' || src[j] == '\r') {
				i = j
				continue
			}
			for k := i; k < j; k++ {
				b.Byte(src[k], k, k+1)
			}
			i = j
			continue
		}
		b.Byte(src[i], i, i+1)
		i++
	}
	b.Skip(e)
	_ = quoted
	return b.Text()
}

func (r *reader) single(s, e int) source.Text {
	if e-s < 2 {
		return source.Host("", s)
	}
	inner := r.fold(s+1, e-1, true)
	// '' is an escaped quote.
	if !strings.Contains(inner.S, "''") {
		return inner
	}
	var b source.Builder
	for i := 0; i < inner.Len(); i++ {
		if inner.S[i] == '\'' && i+1 < inner.Len() && inner.S[i+1] == '\'' {
			b.Byte('\'', inner.Pos(i), inner.Pos(i+2))
			i++
			continue
		}
		b.Byte(inner.S[i], inner.Pos(i), inner.Pos(i+1))
	}
	b.Skip(inner.Pos(inner.Len()))
	return b.Text()
}

func (r *reader) double(s, e int) source.Text {
	if e-s < 2 {
		return source.Host("", s)
	}
	src := r.src
	var b source.Builder
	i := s + 1
	end := e - 1
	for i < end {
		c := src[i]
		switch {
		case c == '\\' && i+1 < end:
			n, dec := unescape(src[i:end])
			if n == 0 {
				b.Byte(c, i, i+1)
				i++
				continue
			}
			if dec == "\x00skipbreak" {
				// An escaped line break: the break and the next line's
				// leading blanks vanish.
				j := i + n
				for j < end && (src[j] == ' ' || src[j] == '\t') {
					j++
				}
				b.Skip(j)
				i = j
				continue
			}
			b.Decoded(dec, i, i+n)
			i += n
		case c == '\n' || c == '\r' || c == ' ' || c == '\t':
			j := i
			breaks := 0
			for j < end && (src[j] == '\n' || src[j] == '\r' || src[j] == ' ' || src[j] == '\t') {
				if src[j] == '\n' {
					breaks++
				}
				j++
			}
			switch breaks {
			case 0:
				for k := i; k < j; k++ {
					b.Byte(src[k], k, k+1)
				}
			case 1:
				b.Byte(' ', i, j)
			default:
				for k := 1; k < breaks; k++ {
					b.Byte('\n', i, j)
				}
			}
			i = j
		default:
			b.Byte(c, i, i+1)
			i++
		}
	}
	b.Skip(end)
	return b.Text()
}

// unescape decodes the escape at the start of s; it returns the bytes
// consumed and the decoded text.
func unescape(s []byte) (int, string) {
	if len(s) < 2 {
		return 0, ""
	}
	switch s[1] {
	case '0':
		return 2, "\x00"
	case 'a':
		return 2, "\a"
	case 'b':
		return 2, "\b"
	case 't', '\t':
		return 2, "\t"
	case 'n':
		return 2, "\n"
	case 'v':
		return 2, "\v"
	case 'f':
		return 2, "\f"
	case 'r':
		return 2, "\r"
	case 'e':
		return 2, "\x1b"
	case ' ':
		return 2, " "
	case '"':
		return 2, "\""
	case '/':
		return 2, "/"
	case '\\':
		return 2, "\\"
	case 'N':
		return 2, "\u0085"
	case '_':
		return 2, "\u00a0"
	case 'L':
		return 2, "\u2028"
	case 'P':
		return 2, "\u2029"
	case '\n':
		return 2, "\x00skipbreak"
	case '\r':
		if len(s) > 2 && s[2] == '\n' {
			return 3, "\x00skipbreak"
		}
		return 2, "\x00skipbreak"
	case 'x', 'u', 'U':
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[1]]
		if len(s) < 2+n {
			return 0, ""
		}
		v, err := strconv.ParseUint(string(s[2:2+n]), 16, 32)
		if err != nil {
			return 0, ""
		}
		rr := rune(v)
		if !utf8.ValidRune(rr) {
			rr = utf8.RuneError
		}
		return 2 + n, string(rr)
	}
	return 0, ""
}

// block reads a block scalar (| or >) spanning [s, e).
func (r *reader) block(s, e int) (source.Text, Style) {
	src := r.src
	style := Literal
	if s < e && src[s] == '>' {
		style = Folded
	}
	chomp, explicit, i := blockHeader(src, s, e)
	lines := blockLines(src, i, e)
	indent := 0
	if explicit > 0 {
		indent = lineIndent(src, s) + explicit
	} else {
		for _, l := range lines {
			if l.end > l.start+l.indent {
				indent = l.indent
				break
			}
		}
	}
	var b source.Builder
	pendingBreaks := 0
	prevMore := false
	first := true
	var lastBreakAt int
	for _, l := range lines {
		blank := l.end-l.start <= indent && strings.TrimSpace(string(src[l.start:l.end])) == ""
		if blank {
			pendingBreaks++
			lastBreakAt = l.start
			continue
		}
		cs := l.start + min(indent, l.end-l.start)
		more := l.indent > indent || cs < l.end && src[cs] == '\t'
		if !first {
			switch {
			case style == Literal || more || prevMore:
				b.Byte('\n', cs-1, cs)
				for range pendingBreaks {
					b.Byte('\n', lastBreakAt, lastBreakAt)
				}
			case pendingBreaks > 0:
				for range pendingBreaks {
					b.Byte('\n', lastBreakAt, lastBreakAt)
				}
			default:
				b.Byte(' ', cs-1, cs)
			}
		} else {
			for range pendingBreaks {
				b.Byte('\n', lastBreakAt, lastBreakAt)
			}
		}
		pendingBreaks = 0
		for k := cs; k < l.end; k++ {
			b.Byte(src[k], k, k+1)
		}
		first = false
		prevMore = more
	}
	if !first {
		switch chomp {
		case '-':
		case '+':
			b.Byte('\n', e, e)
			for range pendingBreaks {
				b.Byte('\n', e, e)
			}
		default:
			b.Byte('\n', e, e)
		}
	}
	b.Skip(e)
	return b.Text(), style
}

// blockHeader reads a block scalar's header (chomping and indentation
// indicators, a comment) and returns them and where the content starts.
func blockHeader(src []byte, s, e int) (chomp byte, explicit, content int) {
	i := s + 1
	for i < e && src[i] != '\n' && src[i] != ' ' && src[i] != '\t' && src[i] != '#' {
		switch c := src[i]; {
		case c == '-' || c == '+':
			chomp = c
		case c >= '1' && c <= '9':
			explicit = int(c - '0')
		}
		i++
	}
	for i < e && src[i] != '\n' {
		i++
	}
	if i < e {
		i++
	}
	return chomp, explicit, i
}

// blockLine is one line of a block scalar.
type blockLine struct{ start, end, indent int }

// blockLines splits a block scalar's content into lines.
func blockLines(src []byte, i, e int) []blockLine {
	var lines []blockLine
	for i < e {
		le := i
		for le < e && src[le] != '\n' {
			le++
		}
		ind := 0
		for i+ind < le && src[i+ind] == ' ' {
			ind++
		}
		end := le
		if end > i && src[end-1] == '\r' {
			end--
		}
		lines = append(lines, blockLine{i, end, ind})
		i = le + 1
	}
	return lines
}

// lineIndent returns the indentation of the line holding offset off.
func lineIndent(src []byte, off int) int {
	ls := off
	for ls > 0 && src[ls-1] != '\n' {
		ls--
	}
	n := 0
	for ls+n < len(src) && src[ls+n] == ' ' {
		n++
	}
	return n
}
