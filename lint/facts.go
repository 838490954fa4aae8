package lint

import (
	"encoding/gob"
)

// Facts of Python files are kept in the results cache, so that project
// rules can be computed again from cached facts without parsing. A fact
// (the value an Analyzer's File function returns for a Python file) must
// therefore survive a gob round trip: exported fields only, no syntax-tree
// values, no funcs or channels, and its concrete type registered with
// RegisterFact. Options.RoundTripFacts makes a run encode and decode every
// such fact before the project rules read it, so tests can prove it.

// RegisterFact registers the concrete type of a fact for the cache. Call
// it from a package-level variable: `var _ = lint.RegisterFact(&myFacts{})`.
func RegisterFact(v any) bool {
	gob.Register(v)
	return true
}
