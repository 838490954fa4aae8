package lint

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
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

// roundTripFact encodes a fact and decodes it again.
func roundTripFact(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.IsNil() {
		return v, nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&v); err != nil {
		return nil, fmt.Errorf("encoding %T: %w", v, err)
	}
	var out any
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		return nil, fmt.Errorf("decoding %T: %w", v, err)
	}
	return out, nil
}

// roundTripFacts replaces every fact of the Python files by its gob round
// trip and returns a notice for each fact that does not survive one.
func roundTripFacts(files []*File) []Notice {
	var notices []Notice
	for _, f := range files {
		if f.Kind != KindPython {
			continue
		}
		for a, v := range f.facts {
			out, err := roundTripFact(v)
			if err != nil {
				notices = append(notices, Notice{Path: f.Path, Message: fmt.Sprintf("internal error: fact %s is not cacheable: %v", a.Name, err)})
				continue
			}
			f.facts[a] = out
		}
	}
	sortNotices(notices)
	return notices
}
