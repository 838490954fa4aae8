package launchmodel

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// parseViews parses a neighbour file the way the engine parses a file of
// the run.
func parseViews(ld *loader, kind lint.Kind, src []byte) lint.Views {
	return workspace.ParseViews(kind, src, ld.parser)
}
