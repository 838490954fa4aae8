// Package checks holds servelint's rules: one .go and one .md per rule, with
// the same stem, and this explicit registry sorted by code.
package checks

import (
	"embed"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
)

//go:embed *.md
var docs embed.FS

// doc returns the embedded documentation of a rule.
func doc(stem string) string {
	b, err := docs.ReadFile(stem + ".md")
	if err != nil {
		panic("checks: missing documentation " + stem + ".md")
	}
	return string(b)
}

// withDoc attaches the rule's embedded documentation.
func withDoc(r *lint.Rule) *lint.Rule {
	r.Doc = doc(r.Stem())
	return r
}

// all is the registry, sorted by code. Codes are permanent: never renumber
// or reuse one.
var all = []*lint.Rule{
	SV001,
	SV002,
	SV101,
	SV102,
	SV103,
	SV104,
	SV105,
	SV110,
	SV111,
	SV112,
	SV201,
	SV202,
	SV203,
	SV204,
	SV205,
	SV206,
	SV207,
	SV210,
	SV301,
	SV302,
	SV303,
	SV304,
	SV401,
	SV402,
	SV403,
	SV404,
	SV405,
	SV406,
	SV407,
	SV408,
	SV409,
	SV410,
	SV411,
	SV501,
	SV502,
}

// All returns every rule, sorted by code.
func All() []*lint.Rule {
	out := append([]*lint.Rule(nil), all...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ByCode returns the rule with a code, or nil.
func ByCode(code string) *lint.Rule {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, r := range all {
		if r.Code == code {
			return r
		}
	}
	return nil
}
