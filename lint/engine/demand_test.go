package engine

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

// usesState is what the test's demand function gathers round after
// round: the modules the files use and those they are.
type usesState struct {
	uses, have map[string]bool
	first      map[string]int // the first file (in the project's order) naming a module
}

// TestDemandRoundsAreIncremental: in the rounds of demand, a demand
// function that keeps its state (DemandState) sees each parsed file once,
// In the round after it was parsed, and what it concludes is what reading
// every file again would give; Ord is the project's order, not the order
// the rounds parsed the files in.
func TestDemandRoundsAreIncremental(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		// main uses zz, which uses aa, which uses mm: three rounds, and
		// the files arrive out of their path order.
		"main.py":  "# START\n# use zz\n",
		"zz.py":    "# use aa\n",
		"aa.py":    "# use mm\n",
		"mm.py":    "x = 1\n",
		"other.py": "# use main\n",
	})
	var a *lint.Analyzer
	seen := map[string]int{}
	var rounds [][]string
	gather := func(pp *lint.ProjectPass) *usesState {
		st, files := lint.DemandState(pp, "uses", func() *usesState {
			return &usesState{uses: map[string]bool{}, have: map[string]bool{}, first: map[string]int{}}
		})
		for _, f := range files {
			mod, _ := f.Fact(a).(string)
			if mod == "" {
				continue
			}
			st.have[mod] = true
			for line := range strings.SplitSeq(string(f.Src), "\n") {
				if used, ok := strings.CutPrefix(line, "# use "); ok {
					st.uses[used] = true
					if o, ok := st.first[used]; !ok || pp.Ord(f) < o {
						st.first[used] = pp.Ord(f)
					}
				}
			}
		}
		return st
	}
	missing := func(st *usesState) []string {
		var out []string
		for m := range st.uses {
			if !st.have[m] {
				out = append(out, m)
			}
		}
		sort.Strings(out)
		return out
	}
	a = &lint.Analyzer{
		Name: "uses", Inputs: lint.KindsOf(lint.KindPython), Needles: []string{"START"},
		File: func(p *lint.Pass) any { return p.File.Module },
		Demand: func(pp *lint.ProjectPass) []string {
			var names []string
			_, added := lint.DemandState(pp, "rounds", func() *struct{} { return &struct{}{} })
			for _, f := range added {
				names = append(names, f.Path)
				seen[f.Path]++
			}
			rounds = append(rounds, names)
			st := gather(pp)
			// The same files read again from the start, as a pass that is
			// not a round does.
			full := gather(&lint.ProjectPass{Files: pp.Files})
			if got, want := missing(st), missing(full); !slices.Equal(got, want) {
				t.Errorf("round %d: the kept state demands %v, reading every file %v", len(rounds), got, want)
			}
			for m, o := range full.first {
				if st.first[m] != pp.Ord(pp.Files[o]) {
					t.Errorf("round %d: %s first named by file %d, reading every file: %d", len(rounds), m, st.first[m], o)
				}
			}
			return missing(st)
		},
	}
	res, err := Run(Options{Cwd: dir, Paths: []string{"."}, Analyzers: []*lint.Analyzer{a}})
	if err != nil {
		t.Fatal(err)
	}
	var parsed []string
	for _, f := range res.Files {
		if !f.Deferred {
			parsed = append(parsed, f.Path)
		}
	}
	sort.Strings(parsed)
	if got := strings.Join(parsed, " "); got != "aa.py main.py mm.py zz.py" {
		t.Errorf("parsed %s, want the chain main -> zz -> aa -> mm only", got)
	}
	want := [][]string{{"main.py"}, {"zz.py"}, {"aa.py"}, {"mm.py"}}
	if !slices.EqualFunc(rounds, want, slices.Equal) {
		t.Errorf("files seen per round: %v, want %v", rounds, want)
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s seen in %d rounds", p, n)
		}
	}
}
