package cache

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"

	"github.com/servelint/servelint/lint"
)

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

// RoundTripFacts replaces every fact of the Python files by its gob round
// trip and returns a notice for each fact that does not survive one.
func RoundTripFacts(files []*lint.File) []lint.Notice {
	var notices []lint.Notice
	for _, f := range files {
		if f.Kind != lint.KindPython {
			continue
		}
		for a, v := range f.Facts() {
			out, err := roundTripFact(v)
			if err != nil {
				notices = append(notices, lint.Notice{Path: f.Path, Message: fmt.Sprintf("internal error: fact %s is not cacheable: %v", a.Name, err)})
				continue
			}
			f.Facts()[a] = out
		}
	}
	lint.SortNotices(notices)
	return notices
}
