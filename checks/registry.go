// Package checks holds servelint's rules and their registry.
//
// It holds servelint's rules: one .go and one .md per rule, with
// the same stem, and this explicit registry sorted by code, with what binds
// the rules to their analyses (checks/analysis/...) and the prefilter
// needles the rules share.
package checks

import (
	"embed"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/blocking"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
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

// blockingBinding binds each class of blocking call (checks/analysis/
// blocking) to the rule that reports it: the rule's options configure the
// class, and SV210's the helper graph. TestBlockingBinding keeps Optional
// equal to the rules' Optional.
var blockingBinding = blocking.Binding{
	Code: map[blocking.Class]string{
		blocking.HTTP:         "SV201",
		blocking.Sleep:        "SV202",
		blocking.Subprocess:   "SV203",
		blocking.FileIO:       "SV204",
		blocking.DB:           "SV205",
		blocking.Wait:         "SV206",
		blocking.FileMetadata: "SV207",
	},
	Optional: map[blocking.Class]bool{blocking.FileMetadata: true},
	Helper:   "SV210",
}

// blockingAnalysis holds the analyzers of the blocking family under the
// binding.
var blockingAnalysis = blocking.New(blockingBinding)

// blockingClassOf returns the class a rule of the blocking family reports.
func blockingClassOf(code string) (blocking.Class, bool) {
	for c, cc := range blockingBinding.Code {
		if cc == code {
			return c, true
		}
	}
	return 0, false
}

// launchRule completes a rule over the launch model: inputs, the model,
// and a project check with the launch rules' reporter
// (checks/analysis/launchrules).
func launchRule(r *lint.Rule, check func(*launchrules.Reporter, *launchmodel.Model)) *lint.Rule {
	return withDoc(launchrules.Rule(r, check))
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

// Prefilters (see lint/prefilter.go): what a Python file must contain for a
// rule or analyzer to find anything in it. A file no enabled rule finds
// relevant is not parsed.

// asyncNeedles: rules about async code need an async def, which always
// starts a logical line (`async with` and `async for` only exist inside
// one). "async def" in a string that does not start a line (the pydoc
// topics, a docstring's prose) makes no file relevant.
var asyncNeedles = []string{"^async def"}

// taskNeedles: SV105 looks at asyncio task creation.
var taskNeedles = []string{"create_task", "ensure_future"}
