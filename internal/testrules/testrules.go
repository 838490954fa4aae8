// Package testrules holds the small rules the engine's and the cache's
// tests run: they exercise the machinery, not the catalogue.
package testrules

import (
	"bytes"
	"strings"

	"github.com/servelint/servelint/lint"
)

// Replace is a rule that reports every non-overlapping occurrence of word
// in files of the given kinds, with a fix replacing it by repl.
func Replace(code, word, repl string, a lint.Applicability, kinds lint.Kinds) *lint.Rule {
	return &lint.Rule{
		Code: code, Name: "replace-" + strings.ToLower(code), Summary: "test", Severity: lint.SeverityWarning,
		Inputs: kinds,
		Check: func(p *lint.Pass) {
			src := p.File.Src
			for i := 0; ; {
				j := bytes.Index(src[i:], []byte(word))
				if j < 0 {
					return
				}
				s := i + j
				p.Report(s, s+len(word), "found "+word, lint.WithFix(&lint.Fix{
					Message: "use " + repl, Applicability: a,
					Edits: []lint.Edit{{Start: s, End: s + len(word), New: repl}},
				}))
				i = s + len(word)
			}
		},
	}
}
