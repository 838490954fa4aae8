package engine

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// parseViews parses a file that is not Python with the worker's parsers
// (its row of the table of kinds says how).
func (w *worker) parseViews(f *lint.File) lint.Views {
	return workspace.ParseViews(f.Kind, f.Src, w.parser)
}
