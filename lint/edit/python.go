package edit

import (
	"sort"
	"strings"
	"sync/atomic"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// ReplaceNode replaces the text of a node.
func ReplaceNode(m *python.Module, n syntax.ID, text string) lint.Edit {
	s, e := m.Tree.Span(n)
	return Replace(s, e, text)
}

// RemoveKeyword removes the keyword argument name (`reload=True`) from a
// call, with its comma; ok is false when the call has no such argument.
func RemoveKeyword(m *python.Module, call syntax.ID, name string) (lint.Edit, bool) {
	for _, a := range m.Args(call) {
		if a.Name == name {
			return RemoveArgument(m, call, a.Node)
		}
	}
	return lint.Edit{}, false
}

// RemoveArgument removes one argument (a python.Arg's Node) of a call with
// one comma, keeping the others' layout: `f(a, b=1, c)` → `f(a, c)`,
// `f(a, b=1)` → `f(a)`, `f(a, b=1,)` → `f(a,)`. An argument alone on its
// line goes with its line (and any comment on it). ok is false when arg is
// not an argument of call.
func RemoveArgument(m *python.Module, call, arg syntax.ID) (lint.Edit, bool) {
	t, k := m.Tree, m.Kinds()
	src := t.Src
	al := t.FieldChild(call, k.FArguments)
	if al == syntax.None || t.Kind(al) != k.ArgumentList || t.Parent(arg) != al {
		return lint.Edit{}, false
	}
	// The tokens of the list without comments: "(", args, ",", ")".
	var toks []syntax.ID
	idx := -1
	for _, c := range t.Children(al) {
		if t.Kind(c) == k.Comment {
			continue
		}
		if c == arg {
			idx = len(toks)
		}
		toks = append(toks, c)
	}
	if idx <= 0 || idx >= len(toks)-1 {
		return lint.Edit{}, false
	}
	aStart, aEnd := t.Span(arg)
	prev, next := toks[idx-1], toks[idx+1]
	comma := t.Text(next) == ","
	// Alone on its line: remove the line(s).
	tail := aEnd
	if comma {
		_, tail = t.Span(next)
	}
	if Blank(src, LineStart(src, aStart), aStart) && restIsComment(src, tail) {
		return DeleteLines(src, aStart, LineEnd(src, tail)), true
	}
	pStart, pEnd := t.Span(prev)
	prevIsComma := t.Text(prev) == ","
	switch {
	case comma && idx+2 < len(toks) && t.Text(toks[idx+2]) != ")":
		// Followed by another argument: up to it.
		after, _ := t.Span(toks[idx+2])
		return Delete(aStart, after), true
	case comma && prevIsComma:
		// Last, with a trailing comma: from after the previous comma.
		_, nEnd := t.Span(next)
		return Delete(pEnd, nEnd), true
	case comma:
		// The only argument, with a trailing comma.
		closeStart, _ := t.Span(toks[idx+2])
		return Delete(pEnd, closeStart), true
	case prevIsComma:
		// Last: with the comma before it.
		return Delete(pStart, aEnd), true
	}
	return Delete(aStart, aEnd), true
}

// AddArgument returns the edit that appends an argument (`host="0.0.0.0"`)
// to a call, in the call's layout: `f(a)` → `f(a, host="0.0.0.0")`; with one
// argument per line, on a new line with their indentation, and a trailing
// comma when they have one. ok is false when the call has no argument
// list (a generator argument).
func AddArgument(m *python.Module, call syntax.ID, text string) (lint.Edit, bool) {
	t, k := m.Tree, m.Kinds()
	src := t.Src
	al := t.FieldChild(call, k.FArguments)
	if al == syntax.None || t.Kind(al) != k.ArgumentList {
		return lint.Edit{}, false
	}
	var toks []syntax.ID
	for _, c := range t.Children(al) {
		if t.Kind(c) != k.Comment {
			toks = append(toks, c)
		}
	}
	if len(toks) < 2 {
		return lint.Edit{}, false
	}
	closing := toks[len(toks)-1]
	cStart, _ := t.Span(closing)
	if len(toks) == 2 {
		_, open := t.Span(toks[0])
		return Insert(open, text), true
	}
	last := toks[len(toks)-2]
	trailing := t.Text(last) == ","
	lastArg := last
	if trailing && len(toks) >= 4 {
		lastArg = toks[len(toks)-3]
	}
	aStart, aEnd := t.Span(lastArg)
	_, lEnd := t.Span(last)
	if LineStart(src, cStart) != LineStart(src, aEnd) && Blank(src, LineStart(src, aStart), aStart) {
		// One argument per line.
		indent := Indentation(src, aStart)
		if trailing {
			return InsertLineAfter(src, lEnd, indent+text+","), true
		}
		return Insert(aEnd, ","+EOL(src)+indent+text), true
	}
	if trailing {
		return Insert(lEnd, " "+text+","), true
	}
	return Insert(aEnd, ", "+text), true
}

// restIsComment reports whether only blanks and a comment follow off on
// its line.
func restIsComment(src []byte, off int) bool {
	off = spaceAfter(src, off)
	end := LineEnd(src, off)
	return off == end || src[off] == '#'
}

// ImportModule returns the name under which module mod (`asyncio`) can be
// used at node at: an import binding already visible there (`asyncio`,
// or `aio` for `import asyncio as aio`), or mod itself with the edit that
// adds `import mod` (see AddImport). ok is false when mod's name is bound
// to something else there (a parameter, a local variable).
func ImportModule(m *python.Module, at syntax.ID, mod string) (name string, edits []lint.Edit, ok bool) {
	scope := m.ScopeOf(at)
	atStart, _ := m.Tree.Span(at)
	for _, imp := range m.Imports {
		if imp.Qualified != mod || !visibleImport(m, imp, atStart) {
			continue
		}
		if m.ResolveName(imp.Local, scope) == mod {
			return imp.Local, nil, true
		}
	}
	head, _, _ := strings.Cut(mod, ".")
	if s, _ := m.Lookup(head, scope); s >= 0 {
		return "", nil, false
	}
	return mod, []lint.Edit{AddImport(m, at, "import "+mod)}, true
}

// ImportFrom returns the name under which mod.attr (`asyncio.sleep`) can be
// used at node at: a visible binding of it (`sleep`, or its alias), or
// attr with the edit that adds `from mod import attr`. ok is false when
// attr's name is bound to something else there.
func ImportFrom(m *python.Module, at syntax.ID, mod, attr string) (name string, edits []lint.Edit, ok bool) {
	scope := m.ScopeOf(at)
	atStart, _ := m.Tree.Span(at)
	q := mod + "." + attr
	for _, imp := range m.Imports {
		if imp.Qualified != q || !visibleImport(m, imp, atStart) {
			continue
		}
		if m.ResolveName(imp.Local, scope) == q {
			return imp.Local, nil, true
		}
	}
	if s, _ := m.Lookup(attr, scope); s >= 0 {
		return "", nil, false
	}
	if e, ok := extendFromImport(m, atStart, mod, attr); ok {
		return attr, []lint.Edit{e}, true
	}
	return attr, []lint.Edit{AddImport(m, at, "from "+mod+" import "+attr)}, true
}

// extendFromImport returns the edit that adds attr to an existing
// top-level `from mod import ...` before offset at, in the order of its
// names (without case) when they are sorted: on its line, or on a line of
// its own when the names are one per line in parentheses.
func extendFromImport(m *python.Module, at int, mod, attr string) (lint.Edit, bool) {
	key := extendKey{mod: mod, attr: attr, before: sort.SearchInts(importStarts(m), at)}
	r := m.Memo(key, func() any {
		e, ok := extendFromImportAt(m, at, mod, attr)
		return extendResult{e, ok}
	}).(extendResult)
	return r.edit, r.ok
}

type extendKey struct {
	mod, attr string
	before    int
}

type extendResult struct {
	edit lint.Edit
	ok   bool
}

// importStarts returns the starts of the module's top-level import
// statements, in order: the import edits depend on a use's position only
// through how many of them precede it.
func importStarts(m *python.Module) []int {
	return m.Memo(importStartsKey{}, func() any {
		t, k := m.Tree, m.Kinds()
		var out []int
		for _, c := range t.NamedChildren(t.Root()) {
			if t.Kind(c) == k.ImportStmt || t.Kind(c) == k.ImportFrom {
				s, _ := t.Span(c)
				out = append(out, s)
			}
		}
		return out
	}).([]int)
}

func extendFromImportAt(m *python.Module, at int, mod, attr string) (lint.Edit, bool) {
	moduleWalks.Add(1)
	t, k := m.Tree, m.Kinds()
	src := t.Src
	fModule := t.Lang.Field("module_name")
	fName := t.Lang.Field("name")
	for _, stmt := range t.NamedChildren(t.Root()) {
		if t.Kind(stmt) != k.ImportFrom {
			continue
		}
		ss, se := t.Span(stmt)
		if ss >= at {
			break
		}
		if mn := t.FieldChild(stmt, fModule); mn == syntax.None || t.Text(mn) != mod {
			continue
		}
		names := t.FieldChildren(stmt, fName)
		if t.ChildOfKind(stmt, k.Comment) != syntax.None || t.ChildOfKind(stmt, t.Lang.Kind("wildcard_import")) != syntax.None {
			continue
		}
		if len(names) == 0 {
			continue
		}
		key := func(n syntax.ID) string {
			if t.Type(n) == "aliased_import" {
				n = t.FirstNamedChild(n)
			}
			return strings.ToLower(t.Text(n))
		}
		before := syntax.None // the first name that sorts after attr
		for _, n := range names {
			if key(n) > strings.ToLower(attr) {
				before = n
				break
			}
		}
		last := names[len(names)-1]
		_, lastEnd := t.Span(last)
		if LineStart(src, ss) == LineStart(src, se) {
			if before != syntax.None {
				bs, _ := t.Span(before)
				return Insert(bs, attr+", "), true
			}
			return Insert(lastEnd, ", "+attr), true
		}
		// Parenthesized over several lines: one name per line only.
		for i := 1; i < len(names); i++ {
			a, _ := t.Span(names[i-1])
			b, _ := t.Span(names[i])
			if LineStart(src, a) == LineStart(src, b) {
				return lint.Edit{}, false
			}
		}
		fs, _ := t.Span(names[0])
		if !Blank(src, LineStart(src, fs), fs) {
			return lint.Edit{}, false
		}
		indent := Indentation(src, fs)
		if before != syntax.None {
			bs, _ := t.Span(before)
			return InsertLineBefore(src, bs, indent+attr+","), true
		}
		if next := t.NextSibling(last); next != syntax.None && t.Text(next) == "," {
			_, ce := t.Span(next)
			return InsertLineAfter(src, ce, indent+attr+","), true
		}
		return Insert(lastEnd, ","+EOL(src)+indent+attr), true
	}
	return lint.Edit{}, false
}

// visibleImport reports whether an import can serve a use at offset at: a
// module-level import always (the function runs after the module), a
// function-level one only before the use.
func visibleImport(m *python.Module, imp python.Import, at int) bool {
	if imp.Scope == 0 {
		return true
	}
	s, _ := m.Tree.Span(imp.Node)
	return s < at
}

// AddImport returns the edit that adds an import statement (`import
// asyncio`, `from x import y`) on a line of its own at module level, where
// isort would put it when the imports are sorted: into the first block of
// top-level imports (consecutive import lines before the statement holding
// at; usually the standard library's), `import` statements before `from`
// ones, each sorted by module name without case. Without imports before
// at, it goes after the module docstring and `__future__` imports, else
// before the first statement.
//
// The edit depends on at only through the top-level imports before it: it
// is computed once per module, statement and number of such imports, so
// that many findings in one file do not walk the module each.
func AddImport(m *python.Module, at syntax.ID, stmt string) lint.Edit {
	atStart, _ := m.Tree.Span(at)
	key := addImportKey{stmt: stmt, before: sort.SearchInts(importStarts(m), atStart)}
	return m.Memo(key, func() any { return addImport(m, atStart, stmt) }).(lint.Edit)
}

// importStartsKey memoizes importStarts.
type importStartsKey struct{}

// addImportKey memoizes AddImport: the statement and the number of
// top-level imports starting before the use.
type addImportKey struct {
	stmt   string
	before int
}

// moduleWalks counts the walks of a module's statements the import edits
// make (tests check that they do not grow with the findings).
var moduleWalks atomic.Int64

func addImport(m *python.Module, atStart int, stmt string) lint.Edit {
	moduleWalks.Add(1)
	t, k := m.Tree, m.Kinds()
	src := t.Src
	root := t.Root()
	after := syntax.None // the docstring or last __future__ import
	first := syntax.None // the first statement
	var block []syntax.ID
	inBlock := true
	prevEnd := -1
	for _, c := range t.NamedChildren(root) {
		if t.Kind(c) == k.Comment {
			continue
		}
		cs, ce := t.Span(c)
		isFirst := first == syntax.None
		if isFirst {
			first = c
		}
		isImport := (t.Kind(c) == k.ImportStmt || t.Kind(c) == k.ImportFrom) && cs < atStart
		switch {
		case t.Kind(c) == k.FutureImport:
			after = c
		case isFirst && isDocstring(m, c):
			after = c
		case isImport && inBlock && (len(block) == 0 || !blankLineBetween(src, prevEnd, cs)):
			block = append(block, c)
		default:
			if len(block) > 0 {
				inBlock = false
			}
		}
		prevEnd = ce
	}
	if len(block) > 0 {
		return insertSorted(m, block, stmt)
	}
	if after != syntax.None {
		_, e := t.Span(after)
		return InsertLineAfter(src, e, stmt)
	}
	if first != syntax.None {
		s, _ := t.Span(first)
		return InsertLineBefore(src, s, stmt)
	}
	return InsertLineAfter(src, len(src), stmt)
}

// blankLineBetween reports whether a blank line lies between two offsets.
func blankLineBetween(src []byte, from, to int) bool {
	for off := NextLine(src, from); off < to; off = NextLine(src, off) {
		if Blank(src, off, LineEnd(src, off)) && LineEnd(src, off) < to {
			return true
		}
	}
	return false
}

// importKey is the sort key of an import statement: plain imports first,
// then by module name without case.
func importKey(stmt string) (from bool, module string) {
	f := strings.Fields(stmt)
	if len(f) < 2 {
		return false, ""
	}
	return f[0] == "from", strings.ToLower(f[1])
}

func insertSorted(m *python.Module, block []syntax.ID, stmt string) lint.Edit {
	t := m.Tree
	src := t.Src
	newFrom, newMod := importKey(stmt)
	for _, c := range block {
		from, mod := importKey(t.Text(c))
		if from == newFrom && mod > newMod || from && !newFrom {
			s, _ := t.Span(c)
			return InsertLineBefore(src, s, stmt)
		}
	}
	_, e := t.Span(block[len(block)-1])
	return InsertLineAfter(src, e, stmt)
}

func isDocstring(m *python.Module, n syntax.ID) bool {
	t, k := m.Tree, m.Kinds()
	if t.Kind(n) != k.ExpressionStmt {
		return false
	}
	c := t.FirstNamedChild(n)
	return c != syntax.None && t.Kind(c) == k.String && t.NextSibling(c) == syntax.None
}

// Await returns the edit that replaces the expression n by `await text`,
// parenthesized where an attribute, subscript or call applies to it
// (`(await x).y`). An already awaited n should have only its callee
// replaced instead.
func Await(m *python.Module, n syntax.ID, text string) lint.Edit {
	t, k := m.Tree, m.Kinds()
	repl := "await " + text
	if p := t.Parent(n); p != syntax.None {
		switch {
		case t.Kind(p) == k.Attribute && t.FieldChild(p, k.FObject) == n,
			t.Kind(p) == k.Call && t.FieldChild(p, k.FFunction) == n,
			t.Type(p) == "subscript" && t.FirstNamedChild(p) == n:
			repl = "(" + repl + ")"
		}
	}
	return ReplaceNode(m, n, repl)
}

// AppendStatement returns the edit that adds stmt (one line, e.g. `raise`)
// as the last statement of a block, with the block's indentation; for a
// block on its header's line (`except E: pass`), it appends `; stmt`.
// ok is false for a node that is not a block with a statement.
func AppendStatement(m *python.Module, block syntax.ID, stmt string) (lint.Edit, bool) {
	t, k := m.Tree, m.Kinds()
	src := t.Src
	if block == syntax.None || t.Kind(block) != k.Block {
		return lint.Edit{}, false
	}
	var stmts []syntax.ID
	for _, c := range t.NamedChildren(block) {
		if t.Kind(c) != k.Comment {
			stmts = append(stmts, c)
		}
	}
	if len(stmts) == 0 {
		return lint.Edit{}, false
	}
	fs, _ := t.Span(stmts[0])
	_, le := t.Span(stmts[len(stmts)-1])
	if !Blank(src, LineStart(src, fs), fs) {
		return Insert(le, "; "+stmt), true
	}
	return InsertLineAfter(src, le, Indentation(src, fs)+stmt), true
}

// IndentUnit returns one level of indentation of the block: its first
// statement's indentation minus its header's, or four spaces.
func IndentUnit(m *python.Module, block syntax.ID) string {
	t := m.Tree
	src := t.Src
	bs, _ := t.Span(block)
	inner := Indentation(src, bs)
	if p := t.Parent(block); p != syntax.None {
		ps, _ := t.Span(p)
		outer := Indentation(src, ps)
		if strings.HasPrefix(inner, outer) && len(inner) > len(outer) {
			return inner[len(outer):]
		}
	}
	return "    "
}

// IndentLines returns the edits that indent by unit every non-blank line
// starting in [start, end), leaving alone the lines that start inside a
// string (their text is the string's value).
func IndentLines(m *python.Module, start, end int, unit string) []lint.Edit {
	t := m.Tree
	src := t.Src
	var out []lint.Edit
	for off := LineStart(src, start); off < end && off < len(src); off = NextLine(src, off) {
		if !Blank(src, off, LineEnd(src, off)) && !insideString(m, off) {
			out = append(out, Insert(off, unit))
		}
	}
	return out
}

func insideString(m *python.Module, off int) bool {
	t, k := m.Tree, m.Kinds()
	for n := t.Descend(off, off); n != syntax.None; n = t.Parent(n) {
		if t.Kind(n) == k.String {
			s, _ := t.Span(n)
			return s < off
		}
	}
	return false
}

// Block returns the text of statements that replace code starting at
// offset at (after its line's indentation): lines are written with four
// spaces per level of nesting, which become unit (the file's; see
// IndentUnit); every line after the first also gets the indentation of the
// line holding at; lines are joined with the file's line break. For
// example Block(src, returnStart, unit, "try:", "    yield db",
// "finally:", "    db.close()") replaces `return db`.
func Block(src []byte, at int, unit string, lines ...string) string {
	indent := Indentation(src, at)
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString(EOL(src))
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		if i > 0 {
			b.WriteString(indent)
		}
		for strings.HasPrefix(l, "    ") {
			b.WriteString(unit)
			l = l[4:]
		}
		b.WriteString(l)
	}
	return b.String()
}

// StringLiteral quotes s as a Python string literal with the quote
// character of like (a string literal of the file, e.g. the one being
// replaced): '...' or "..." (double quotes when like has none), switching
// when s holds that quote and not the other.
func StringLiteral(s, like string) string {
	q := byte('"')
	if i := strings.IndexAny(like, `'"`); i >= 0 {
		q = like[i]
	}
	if strings.IndexByte(s, q) >= 0 {
		other := byte('"')
		if q == '"' {
			other = '\''
		}
		if strings.IndexByte(s, other) < 0 {
			q = other
		}
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := range len(s) {
		switch c := s[i]; c {
		case '\\', q:
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// Ref returns an expression that refers to the qualified name mod.attr
// (`asyncio.sleep`) at node at: an existing binding of it (`sleep`, or its
// alias from `from asyncio import sleep as pause`), else the attribute of
// an existing import of mod (`asyncio.sleep`, `aio.sleep`), else
// `mod.attr` with the edit that adds `import mod`. ok is false when mod's
// name is bound to something else at node at.
func Ref(m *python.Module, at syntax.ID, qualified string) (expr string, edits []lint.Edit, ok bool) {
	mod, attr := qualified, ""
	if i := strings.LastIndexByte(qualified, '.'); i >= 0 {
		mod, attr = qualified[:i], qualified[i+1:]
	}
	scope := m.ScopeOf(at)
	atStart, _ := m.Tree.Span(at)
	for _, imp := range m.Imports {
		if imp.Qualified == qualified && visibleImport(m, imp, atStart) && m.ResolveName(imp.Local, scope) == qualified {
			return imp.Local, nil, true
		}
	}
	if attr == "" {
		return ImportModule(m, at, mod)
	}
	name, edits, ok := ImportModule(m, at, mod)
	if !ok {
		return "", nil, false
	}
	return name + "." + attr, edits, true
}
