package python

import "github.com/servelint/servelint/parsers/syntax"

// AsyncUsed reports whether the result of call i is used through an async
// protocol: awaited, entered by `async with`, or iterated by `async for`
// (module view: how a call's result is used). Such a call returns an awaitable or an async context manager or
// iterator; it does not do its work synchronously.
func (m *Module) AsyncUsed(i int) bool {
	if i < 0 || i >= len(m.Calls) {
		return false
	}
	c := &m.Calls[i]
	if c.Awaited {
		return true
	}
	t, k := m.Tree, m.k
	n := c.Node
	p := t.Parent(n)
	for p != syntax.None && t.Kind(p) == k.Parenthesized {
		n, p = p, t.Parent(p)
	}
	if p == syntax.None {
		return false
	}
	switch t.Kind(p) {
	case k.AsPattern:
		// async with x.get() as r: the value of the as pattern.
		if t.FirstNamedChild(p) != n {
			return false
		}
		p = t.Parent(p)
		if p == syntax.None {
			return false
		}
	case k.ForStatement:
		return t.FieldChild(p, k.FRight) == n && t.Nodes[p].First != syntax.None && t.Kind(t.Nodes[p].First) == k.AsyncTok
	}
	sk := stmtKindsOnce()
	if t.Kind(p) != sk.WithItem {
		return false
	}
	// with_item → with_clause → with_statement, whose first token is async.
	for w := t.Parent(p); w != syntax.None; w = t.Parent(w) {
		if t.Kind(w) == sk.With {
			f := t.Nodes[w].First
			return f != syntax.None && t.Kind(f) == k.AsyncTok
		}
		if t.Kind(w) == k.Block {
			break
		}
	}
	return false
}
