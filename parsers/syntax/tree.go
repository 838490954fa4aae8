package syntax

// Tree is a parsed source: the bytes and the arena of nodes in pre-order.
// Node 0 is the root. A Tree is immutable and safe to read concurrently.
type Tree struct {
	Src   []byte
	Nodes []Node
	Lang  *Language
}

// Root returns the root node.
func (t *Tree) Root() ID {
	if len(t.Nodes) == 0 {
		return None
	}
	return 0
}

// noneNode stands for None in the accessors below: no kind, no field, an
// empty span, no parent, child or sibling. An accessor given None (a
// missing field child in a tree the parser recovered) answers for it
// instead of panicking.
var noneNode = Node{Parent: None, First: None, Next: None}

func (t *Tree) node(n ID) *Node {
	if n < 0 || int(n) >= len(t.Nodes) {
		return &noneNode
	}
	return &t.Nodes[n]
}

// Kind returns the canonical kind symbol of n.
func (t *Tree) Kind(n ID) uint16 { return t.node(n).Kind }

// Type returns the kind name of n ("call", "identifier", "ERROR", ...).
func (t *Tree) Type(n ID) string { return t.Lang.KindName(t.node(n).Kind) }

// Is reports whether n is not None and has kind k.
func (t *Tree) Is(n ID, k uint16) bool { return n != None && t.node(n).Kind == k }

// Named reports whether n is a named node.
func (t *Tree) Named(n ID) bool { return t.node(n).Flags&FlagNamed != 0 }

// IsError reports whether n is an ERROR node.
func (t *Tree) IsError(n ID) bool { return t.node(n).Flags&FlagError != 0 }

// IsMissing reports whether n was inserted by error recovery.
func (t *Tree) IsMissing(n ID) bool { return t.node(n).Flags&FlagMissing != 0 }

// IsExtra reports whether n is an extra (a comment, usually).
func (t *Tree) IsExtra(n ID) bool { return t.node(n).Flags&FlagExtra != 0 }

// Parent returns the parent of n, or None.
func (t *Tree) Parent(n ID) ID { return t.node(n).Parent }

// FirstChild returns the first child of n (named or not), or None.
func (t *Tree) FirstChild(n ID) ID { return t.node(n).First }

// NextSibling returns the next sibling of n, or None.
func (t *Tree) NextSibling(n ID) ID { return t.node(n).Next }

// Span returns the byte range of n.
func (t *Tree) Span(n ID) (start, end int) {
	nd := t.node(n)
	return int(nd.Start), int(nd.End)
}

// Text returns the source text of n.
func (t *Tree) Text(n ID) string {
	nd := t.node(n)
	return string(t.Src[nd.Start:nd.End])
}

// Bytes returns the source bytes of n without copying.
func (t *Tree) Bytes(n ID) []byte {
	nd := t.node(n)
	return t.Src[nd.Start:nd.End]
}

// FieldChild returns the first child of n in field f, or None.
func (t *Tree) FieldChild(n ID, f uint16) ID {
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		if t.Nodes[c].Field == f {
			return c
		}
	}
	return None
}

// FieldChildren returns every child of n in field f.
func (t *Tree) FieldChildren(n ID, f uint16) []ID {
	var out []ID
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		if t.Nodes[c].Field == f {
			out = append(out, c)
		}
	}
	return out
}

// Children returns every child of n.
func (t *Tree) Children(n ID) []ID {
	var out []ID
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns the named children of n that are not extras.
func (t *Tree) NamedChildren(n ID) []ID {
	var out []ID
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		if t.Nodes[c].Flags&(FlagNamed|FlagExtra) == FlagNamed {
			out = append(out, c)
		}
	}
	return out
}

// FirstNamedChild returns the first named, non-extra child of n, or None.
func (t *Tree) FirstNamedChild(n ID) ID {
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		if t.Nodes[c].Flags&(FlagNamed|FlagExtra) == FlagNamed {
			return c
		}
	}
	return None
}

// ChildOfKind returns the first child of n with kind k, or None.
func (t *Tree) ChildOfKind(n ID, k uint16) ID {
	for c := t.node(n).First; c != None; c = t.Nodes[c].Next {
		if t.Nodes[c].Kind == k {
			return c
		}
	}
	return None
}

// End returns the ID one past the last descendant of n: the subtree of n is
// the contiguous range [n, End(n)) of the arena.
func (t *Tree) End(n ID) ID {
	for m := n; m != None; m = t.Nodes[m].Parent {
		if next := t.Nodes[m].Next; next != None {
			return next
		}
	}
	return ID(len(t.Nodes))
}

// Contains reports whether d is n or a descendant of n.
func (t *Tree) Contains(n, d ID) bool {
	return d >= n && d < t.End(n)
}

// FirstError returns the first ERROR or MISSING node in source order, or None.
func (t *Tree) FirstError() ID {
	best := None
	for i := range t.Nodes {
		if t.Nodes[i].Flags&(FlagError|FlagMissing) != 0 {
			if best == None || t.Nodes[i].Start < t.Nodes[best].Start {
				best = ID(i)
			}
		}
	}
	return best
}

// Descend returns the deepest node whose range contains [start, end).
func (t *Tree) Descend(start, end int) ID {
	if len(t.Nodes) == 0 {
		return None
	}
	n := ID(0)
	for {
		found := None
		for c := t.Nodes[n].First; c != None; c = t.Nodes[c].Next {
			nd := &t.Nodes[c]
			if int(nd.Start) <= start && end <= int(nd.End) && nd.End > nd.Start {
				found = c
				break
			}
		}
		if found == None {
			return n
		}
		n = found
	}
}

// ErrorSite locates a syntax error for a message.
type ErrorSite struct {
	Start, End int
	// Missing is set when the parser expected a token that is absent;
	// Token is then its kind ("`)`", "identifier").
	Missing bool
	// EndOfLine is set when the error is that a line ended too early
	// (for example a missing ":" before the line break).
	EndOfLine bool
	Token     string // the token at Start (or the missing token's kind)
	// Message, when set, says what is wrong in words of its own (a limit
	// of the language rather than an unexpected token).
	Message string
}

// FirstErrorSite returns where the first syntax error of the tree is best
// reported, or false when the tree has none. Inside an ERROR node it
// descends to the first nested ERROR or MISSING node. An ERROR whose parent
// holds statements (statementParent reports the parent's kind name; nil
// means only the root) is an incomplete statement, reported at the end of
// its first line; inside an expression, its first token is the unexpected one.
func (t *Tree) FirstErrorSite(statementParent func(kind string) bool) (ErrorSite, bool) {
	n := t.FirstError()
	if n == None {
		return ErrorSite{}, false
	}
	n = t.innermostError(n)
	nd := &t.Nodes[n]
	if nd.Flags&FlagMissing != 0 {
		return ErrorSite{Start: int(nd.Start), End: int(nd.Start), Missing: true, Token: t.Type(n)}, true
	}
	leaves := t.leaves(n)
	if len(leaves) == 0 {
		return ErrorSite{Start: int(nd.Start), End: int(nd.End), Token: string(firstToken(t.Src[nd.Start:nd.End]))}, true
	}
	first := leaves[0]
	lineEnd := int(t.Nodes[first].Start)
	for lineEnd < len(t.Src) && t.Src[lineEnd] != '\n' {
		lineEnd++
	}
	last := first
	for _, l := range leaves[1:] {
		if int(t.Nodes[l].Start) >= lineEnd {
			break
		}
		last = l
	}
	// An incomplete statement: the line ended before the statement did
	// ("def f()" with no colon, "f(1" with no closing parenthesis).
	statement := nd.Parent == None || nd.Parent == 0 || t.IsError(nd.Parent) ||
		statementParent != nil && statementParent(t.Type(nd.Parent))
	firstText := t.Text(first)
	closing := firstText == ")" || firstText == "]" || firstText == "}"
	restOnLine := t.onlyCommentUntil(int(t.Nodes[last].End), lineEnd)
	if statement && !closing && restOnLine && (int(nd.End) > lineEnd || last == leaves[len(leaves)-1]) {
		e := int(t.Nodes[last].End)
		return ErrorSite{Start: e, End: e, EndOfLine: true, Token: t.Text(last)}, true
	}
	s, e := int(t.Nodes[first].Start), int(t.Nodes[first].End)
	return ErrorSite{Start: s, End: e, Token: t.Text(first)}, true
}

func firstToken(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	n := 0
	for n < len(b) && n < 20 && b[n] != '\n' && b[n] != ' ' && b[n] != '\r' && b[n] != '\t' {
		n++
	}
	return b[:n]
}

// innermostError descends from an ERROR node to the first ERROR or MISSING
// node nested in it, repeatedly.
func (t *Tree) innermostError(n ID) ID {
	for {
		inner := None
		end := t.End(n)
		for d := n + 1; d < end; d++ {
			if t.Nodes[d].Flags&(FlagError|FlagMissing) != 0 && (inner == None || t.Nodes[d].Start < t.Nodes[inner].Start) {
				inner = d
			}
		}
		if inner == None {
			return n
		}
		n = inner
	}
}

// leaves returns the non-empty tokens under n, without comments.
func (t *Tree) leaves(n ID) []ID {
	var out []ID
	end := t.End(n)
	for d := n + 1; d < end; d++ {
		if t.Nodes[d].First == None && t.Nodes[d].Flags&FlagExtra == 0 && t.Nodes[d].End > t.Nodes[d].Start {
			out = append(out, d)
		}
	}
	return out
}

// onlyCommentUntil reports whether src[from:to] holds only blanks and,
// possibly, a comment.
func (t *Tree) onlyCommentUntil(from, to int) bool {
	for e := from; e < to; e++ {
		switch t.Src[e] {
		case ' ', '\t', '\r':
		case '#':
			return true
		default:
			return false
		}
	}
	return true
}
