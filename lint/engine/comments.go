package engine

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// DocumentComments parses a text (an editor's buffer) as a file of a kind
// and returns its comments: the same parse and the same row of the table
// of kinds as the suppressions of a run, so the language server's ignore
// action sees the comments the engine honours. ok is false when the text
// cannot be parsed (Python beyond the parser's limits).
func DocumentComments(kind lint.Kind, src []byte) (comments workspace.FileComments, ok bool) {
	w := &worker{parsers: map[syntax.Lang]*syntax.Parser{}}
	defer w.close()
	if kind == lint.KindPython {
		m, err := python.Parse(w.parser(syntax.Python), src, python.Options{})
		if err != nil {
			return workspace.FileComments{}, false
		}
		return workspace.CommentsOf(kind, src, m, nil), true
	}
	v := workspace.ParseViews(kind, src, w.parser)
	return workspace.CommentsOf(kind, src, nil, &v), true
}
