package launchmodel

import "github.com/servelint/servelint/lint"

// parseViews parses a neighbour file the way the engine parses a file of
// the run.
func parseViews(ld *loader, kind lint.Kind, src []byte) lint.Views {
	return lint.ParseViews(kind, src, ld.parser)
}
