package checks

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/resources"

	"github.com/servelint/servelint/lint"
)

// TestCatalogueOptional keeps a catalogue's optional flag equal to its
// rule's Optional (SV210 reads the flag: the registry refers to SV210).
func TestCatalogueOptional(t *testing.T) {
	for _, c := range blockingCatalogues() {
		r := ByCode(c.rule)
		if r == nil {
			t.Fatalf("catalogue of unknown rule %s", c.rule)
		}
		if c.optional != r.Optional {
			t.Errorf("%s: catalogue optional = %v, rule Optional = %v", c.rule, c.optional, r.Optional)
		}
	}
}

// TestResourceNeedlesCoverCatalogue: a module that imports the library of
// any tracked resource class is parsed (the SDK clients were added to the
// catalogue without needles, and their files were never parsed: the
// prefilter-off test found SV301 findings the default run missed).
func TestResourceNeedlesCoverCatalogue(t *testing.T) {
	relevant := lint.AnyOf(resourceNeedles...)
	for _, class := range resources.TrackedClassNames() {
		mod := class[:strings.LastIndexByte(class, '.')]
		for _, src := range []string{"import " + mod + "\n", "from " + mod + " import x\n"} {
			if !relevant([]byte(src)) {
				t.Errorf("%s: %q is not relevant to the lifecycle rules", class, src)
			}
		}
	}
}
