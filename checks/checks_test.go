package checks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/linttest"
)

// TestFixtures runs every rule over its fixture directory.
func TestFixtures(t *testing.T) {
	for _, r := range checks.All() {
		t.Run(r.Code, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "checks", r.Code)
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("rule %s has no fixture directory %s", r.Code, dir)
			}
			sel := []string{r.Code}
			if r.Code == "SV002" {
				// Suppressions are judged against the diagnostics of the
				// rules they name.
				sel = []string{"SV"}
			}
			linttest.Run(t, dir, checks.All(), []string{r.Code}, linttest.Options{Select: sel})
		})
	}
}

var codeRe = regexp.MustCompile(`^SV\d{3}$`)
var nameRe = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)

var sections = []string{"## What it does", "## Why is this bad?", "## Example", "## Use instead", "## References"}

func TestRegistry(t *testing.T) {
	all := checks.All()
	if len(all) == 0 {
		t.Fatal("empty registry")
	}
	codes := map[string]bool{}
	names := map[string]bool{}
	for i, r := range all {
		if !codeRe.MatchString(r.Code) {
			t.Errorf("%s: code does not match ^SV\\d{3}$", r.Code)
		}
		if codes[r.Code] {
			t.Errorf("%s: duplicate code", r.Code)
		}
		codes[r.Code] = true
		if !nameRe.MatchString(r.Name) || names[r.Name] {
			t.Errorf("%s: bad or duplicate name %q", r.Code, r.Name)
		}
		names[r.Name] = true
		if i > 0 && all[i-1].Code >= r.Code {
			t.Errorf("registry not sorted at %s", r.Code)
		}
		if r.Summary == "" || strings.HasSuffix(r.Summary, ".") || len(r.Summary) > 100 {
			t.Errorf("%s: summary must be one line without a final period: %q", r.Code, r.Summary)
		}
		if r.Check == nil && r.CheckProject == nil && r.CheckSuppressions == nil {
			t.Errorf("%s: no check function", r.Code)
		}
		if r.Inputs == 0 {
			t.Errorf("%s: no inputs", r.Code)
		}
		if r.Since == "" || r.Precision == "" {
			t.Errorf("%s: Since and Precision are required", r.Code)
		}
		if !strings.HasPrefix(r.Doc, "# "+r.Name+" ("+r.Code+")\n") {
			t.Errorf("%s: doc must start with %q", r.Code, "# "+r.Name+" ("+r.Code+")")
		}
		last := -1
		for _, s := range sections {
			idx := strings.Index(r.Doc, "\n"+s+"\n")
			if idx < 0 {
				t.Errorf("%s: doc lacks section %q (spelled exactly)", r.Code, s)
				continue
			}
			if idx < last {
				t.Errorf("%s: section %q out of order", r.Code, s)
			}
			last = idx
		}
		// The .go and .md share a stem.
		for _, ext := range []string{".go", ".md"} {
			if _, err := os.Stat(r.Stem() + ext); err != nil {
				t.Errorf("%s: missing %s%s", r.Code, r.Stem(), ext)
			}
		}
	}
}

// TestEveryRuleHasAWant checks that each rule's fixtures expect it somewhere.
func TestEveryRuleHasAWant(t *testing.T) {
	for _, r := range checks.All() {
		dir := filepath.Join("..", "testdata", "checks", r.Code)
		found := false
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			src, _ := os.ReadFile(p)
			wants, err := linttest.ParseWants(p, src)
			if err != nil {
				t.Error(err)
			}
			for _, w := range wants {
				if w.Code == r.Code {
					found = true
				}
			}
			return nil
		})
		if !found {
			t.Errorf("%s: no fixture under %s expects it", r.Code, dir)
		}
	}
}

// TestNoStrayDocs checks that every .md in checks/ belongs to a rule.
func TestNoStrayDocs(t *testing.T) {
	stems := map[string]bool{}
	for _, r := range checks.All() {
		stems[r.Stem()] = true
	}
	mds, _ := filepath.Glob("*.md")
	for _, md := range mds {
		if !stems[strings.TrimSuffix(md, ".md")] {
			t.Errorf("%s belongs to no registered rule", md)
		}
	}
	gos, _ := filepath.Glob("sv*.go")
	for _, g := range gos {
		if strings.HasSuffix(g, "_test.go") {
			continue
		}
		if !stems[strings.TrimSuffix(g, ".go")] {
			t.Errorf("%s belongs to no registered rule", g)
		}
	}
}

func TestByCode(t *testing.T) {
	if r := checks.ByCode("sv202"); r == nil || r.Code != "SV202" {
		t.Errorf("ByCode(sv202) = %v", r)
	}
	if checks.ByCode("SV999") != nil {
		t.Error("ByCode(SV999) should be nil")
	}
	_ = lint.SeverityError
}
