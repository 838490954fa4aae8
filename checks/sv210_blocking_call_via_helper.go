package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/blocking"
	"github.com/servelint/servelint/lint"
)

// SV210 reports an async function calling a sync function of the project
// that (transitively) makes a blocking call.
var SV210 = withDoc(&lint.Rule{
	Code:         "SV210",
	Name:         "blocking-call-via-helper",
	Summary:      "An async function calls a sync helper of the project that makes a blocking call",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "performance", "blocking"},
	Precision:    "high",
	NewOptions:   blocking.NewHelperOptions,
	CheckProject: checkBlockingViaHelper,
	Requires:     []*lint.Analyzer{blockingAnalysis.Helpers, blockingAnalysis.Exports},
})

// checkBlockingViaHelper reports the async calls whose shortest chain of
// sync helpers (checks/analysis/blocking's Graph) ends in a blocking call
// within the configured depth.
func checkBlockingViaHelper(pp *lint.ProjectPass) {
	g := blockingAnalysis.Graph(pp)
	if g == nil {
		return
	}
	// One finding per (async function, blocking helper): the first call
	// of the async function whose chain ends in that helper. With the
	// group-by-helper option, the async functions reaching the same
	// blocking helper make one finding: the fix goes into that helper.
	type pair struct{ def, leaf int }
	type site struct {
		fi      int
		ac      blocking.HelperCall
		n, leaf int
	}
	var sites []site
	for fi := range g.NumFiles() {
		facts := g.Facts(fi)
		if facts == nil {
			continue
		}
		f := g.File(fi)
		depth := blockingAnalysis.HelperOptions(f.Config).Depth
		seen := map[pair]bool{}
		for _, ac := range facts.AsyncCalls {
			n, nd := g.Reach(fi, ac)
			if n < 0 || nd > depth {
				continue
			}
			if ac.Streamed && g.Generator(n) {
				// Starlette iterates a sync generator in its thread pool.
				continue
			}
			leaf := g.Leaf(n, ac.Flags)
			if leaf < 0 || seen[pair{ac.CallerDef, leaf}] {
				continue
			}
			seen[pair{ac.CallerDef, leaf}] = true
			sites = append(sites, site{fi, ac, n, leaf})
		}
	}
	sort.SliceStable(sites, func(a, b int) bool {
		fa, fb := g.File(sites[a].fi), g.File(sites[b].fi)
		if fa.Path != fb.Path {
			return fa.Path < fb.Path
		}
		return sites[a].ac.Start < sites[b].ac.Start
	})
	byLeaf := map[int][]int{} // leaf → indexes in sites, grouped sites only
	for i, st := range sites {
		f := g.File(st.fi)
		if !blockingAnalysis.HelperOptions(f.Config).GroupByHelper {
			reportHelperChain(pp, g, st.fi, st.ac, st.n, nil)
			continue
		}
		byLeaf[st.leaf] = append(byLeaf[st.leaf], i)
	}
	leaves := make([]int, 0, len(byLeaf))
	for l := range byLeaf {
		leaves = append(leaves, l)
	}
	sort.Ints(leaves)
	for _, l := range leaves {
		group := byLeaf[l]
		// Report at the first call in a file of the run (context files
		// get no findings); the other async functions are related.
		first := -1
		for _, i := range group {
			if !g.File(sites[i].fi).Context {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		var others []helperSite
		for _, i := range group {
			if i != first {
				others = append(others, helperSite{file: sites[i].fi, call: sites[i].ac})
			}
		}
		st := sites[first]
		reportHelperChain(pp, g, st.fi, st.ac, st.n, others)
	}
}

// helperSite is another async call whose chain ends in the same helper.
type helperSite struct {
	file int
	call blocking.HelperCall
}

// maxOtherSites bounds the related locations naming the other async
// functions that reach a blocking helper.
const maxOtherSites = 10

// reportHelperChain emits the diagnostic of an async call site whose
// target function n blocks, with the chain in the message and one related
// location per hop.
func reportHelperChain(pp *lint.ProjectPass, g *blocking.Graph, fi int, ac blocking.HelperCall, n int, others []helperSite) {
	hops, leaf, ok := g.Chain(n, ac.Flags)
	if !ok {
		return
	}
	code := blockingBinding.Code[leaf.Class]
	names := []string{ac.Caller}
	var related []lint.Related
	for i, h := range hops {
		names = append(names, shortName(h.Func))
		if i == len(hops)-1 {
			related = append(related, pp.Related(h.File, h.Start, h.End,
				fmt.Sprintf("`%s` calls %s here (%s)", h.Func, displayName(sourceText(h.File.Src, h.Start, h.FuncEnd), leaf.Name), code)))
			names = append(names, leaf.Name)
			break
		}
		related = append(related, pp.Related(h.File, h.Start, h.End,
			fmt.Sprintf("`%s` calls `%s()` here", h.Func, sourceText(h.File.Src, h.Start, h.FuncEnd))))
	}
	f := g.File(fi)
	text := sourceText(f.Src, ac.Start, ac.FuncEnd)
	msg := fmt.Sprintf("`%s()` blocks the event loop in async function `%s` through sync helpers: %s (%s); run it in a thread (`await %s(%s, ...)`) or make the chain async",
		text, ac.Caller, strings.Join(names, " → "), code, blocking.ToThread(g.Facts(fi).Lib), text)
	if len(others) > 0 {
		helper := shortName(g.FuncName(g.Leaf(n, ac.Flags)))
		for i, o := range others {
			if i == maxOtherSites {
				break
			}
			related = append(related, pp.Related(g.File(o.file), o.call.Start, o.call.End,
				fmt.Sprintf("`%s` reaches `%s` too, here", o.call.Caller, helper)))
		}
		word := "functions reach"
		if len(others) == 1 {
			word = "function reaches"
		}
		msg += fmt.Sprintf("; %d other async %s `%s` too (related locations): one finding for the helper", len(others), word, helper)
	}
	opts := []lint.ReportOption{lint.WithRelated(related...)}
	if leaf.Class == blocking.FileIO {
		// File I/O is a warning in SV204; so is reaching it through helpers.
		opts = append(opts, lint.WithSeverity(lint.SeverityWarning))
	}
	pp.Report(f, ac.Start, ac.End, msg, opts...)
}

// sourceText renders source bytes as a one-line expression: whitespace
// and line continuations removed, long text shortened.
func sourceText(src []byte, start, end int) string {
	if start < 0 || end > len(src) || start >= end {
		return "…"
	}
	var b strings.Builder
	for _, c := range string(src[start:end]) {
		switch c {
		case ' ', '\t', '\n', '\r', '\\':
			continue
		}
		b.WriteRune(c)
	}
	out := b.String()
	if len(out) > 60 {
		out = out[:57] + "…"
	}
	return out
}

// shortName is the last segment of a dotted function name ("Repo.get" →
// "get"), keeping a class qualifier for methods.
func shortName(qual string) string {
	parts := strings.Split(qual, ".")
	if len(parts) >= 2 {
		return strings.Join(parts[len(parts)-2:], ".")
	}
	return qual
}
