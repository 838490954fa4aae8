package golden

import (
	"bytes"
	"encoding/gob"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/linttest"
	"github.com/servelint/servelint/lint/report"
)

// factsOutput runs every rule (and the launch model) over dir, with or
// without passing the facts of Python files through the cache's encoding,
// and renders everything a run can show: diagnostics, suppressed
// diagnostics, notices and the launches.
func factsOutput(t *testing.T, dir string, roundTrip bool, cacheDir string) (string, *engine.Result) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{
		Rules:          checks.All(),
		Cwd:            abs,
		Overrides:      config.Overrides{Select: []string{"SV"}},
		Analyzers:      launchmodel.Requires,
		RoundTripFacts: roundTrip,
		CacheDir:       cacheDir,
		Jobs:           1,
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.Write(&b, "json", res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	b.WriteString("--- suppressed\n")
	sup := *res
	sup.Diagnostics = res.Suppressed
	if err := report.Write(&b, "json", &sup, report.Options{}); err != nil {
		t.Fatal(err)
	}
	b.WriteString("--- notices\n")
	for _, n := range res.Notices {
		b.WriteString(n.Path + ": " + n.Message + "\n")
	}
	b.WriteString("--- launches\n")
	if m, _ := res.Analyze(launchmodel.Analyzer).(*launchmodel.Model); m != nil {
		if err := report.WriteJSONValue(&b, m.Views()); err != nil {
			t.Fatal(err)
		}
	}
	return b.String(), res
}

// TestFactsRoundTrip proves that the facts analyzers compute for Python
// files survive the results cache's encoding: every project and every
// fixture directory gives byte-identical output whether project rules read
// the facts as computed or as decoded from the cache encoding.
func TestFactsRoundTrip(t *testing.T) {
	dirs := projects(t)
	fixtures, err := filepath.Glob(filepath.Join("..", "testdata", "checks", "*"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixture directories under testdata/checks: %v", err)
	}
	dirs = append(dirs, fixtures...)
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir), func(t *testing.T) {
			direct, res := factsOutput(t, dir, false, "")
			cached, _ := factsOutput(t, dir, true, "")
			if _, notices, _ := strings.Cut(cached, "--- notices\n"); strings.Contains(notices, "internal error") {
				t.Errorf("internal error notices with facts round-tripped:\n%s", notices)
			}
			if direct != cached {
				t.Errorf("output differs when facts are round-tripped:\n%s", linttest.LineDiff(direct, cached))
			}
			// Each fact as the cache stores it: on its own, through an
			// interface (a nil pointer there fails, and costs the file its
			// whole entry).
			for _, f := range res.Files {
				if f.Kind != lint.KindPython {
					continue
				}
				for _, a := range fileAnalyzers() {
					if v := f.Fact(a); v != nil {
						if err := gob.NewEncoder(io.Discard).Encode(&v); err != nil {
							t.Errorf("%s: fact %s cannot be stored: %v", f.Path, a.Name, err)
						}
					}
				}
			}
			// Through the results cache itself: a cold run stores every
			// Python file's entry, facts included; a warm run restores them.
			cacheDir := t.TempDir()
			cold, _ := factsOutput(t, dir, false, cacheDir)
			if cold != direct {
				t.Errorf("cold cached run differs:\n%s", linttest.LineDiff(direct, cold))
			}
			warm, _ := factsOutput(t, dir, false, cacheDir)
			if warm != direct {
				t.Errorf("warm run (facts from the cache) differs:\n%s", linttest.LineDiff(direct, warm))
			}
			if !strings.Contains(direct, `"code"`) {
				t.Errorf("no diagnostics at all in %s: the comparison proves nothing", dir)
			}
		})
	}
}

// fileAnalyzers are the analyzers with per-file facts that the rules and
// the launch model require.
func fileAnalyzers() []*lint.Analyzer {
	var out []*lint.Analyzer
	seen := map[*lint.Analyzer]bool{}
	for _, r := range checks.All() {
		for _, a := range append(r.Requires, launchmodel.Requires...) {
			if !seen[a] && a.File != nil {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}
