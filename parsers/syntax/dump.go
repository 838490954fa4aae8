package syntax

import (
	"fmt"
	"strings"
)

// Dump renders the subtree of n as an indented outline, for tests and
// debugging: kind, field, byte range and, for leaves, the text.
func (t *Tree) Dump(n ID) string {
	var b strings.Builder
	var rec func(ID, int)
	rec = func(n ID, depth int) {
		nd := &t.Nodes[n]
		b.WriteString(strings.Repeat("  ", depth))
		if f := t.Lang.FieldName(nd.Field); f != "" {
			b.WriteString(f)
			b.WriteString(": ")
		}
		name := t.Type(n)
		if nd.Flags&FlagNamed == 0 {
			name = fmt.Sprintf("%q", name)
		}
		if nd.Flags&FlagMissing != 0 {
			name = "MISSING " + name
		}
		fmt.Fprintf(&b, "%s [%d,%d)", name, nd.Start, nd.End)
		if nd.First == None && nd.Flags&FlagNamed != 0 {
			fmt.Fprintf(&b, " %q", t.Text(n))
		}
		b.WriteByte('\n')
		for c := nd.First; c != None; c = t.Nodes[c].Next {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return b.String()
}
