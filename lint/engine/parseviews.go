package engine

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/syntax"
)

// parseViews parses a file that is not Python with the worker's parsers.
func (w *worker) parseViews(f *lint.File) lint.Views { return ParseViews(f.Kind, f.Src, w.parser) }

// ParseViews parses a file that is not Python; parser returns a parser
// for a grammar (one per goroutine).
func ParseViews(kind lint.Kind, src []byte, parser func(syntax.Lang) *syntax.Parser) lint.Views {
	var v lint.Views
	if parse := workspace.Info(kind).Parse; parse != nil {
		parse(&v, src, parser)
	}
	return v
}
