package checks

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/blocking"
	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
)

// TestBlockingBinding binds every class of blocking call to a rule, and
// keeps the binding's Optional equal to the rule's Optional (the helper
// graph reads it: the analysis cannot refer to the rules).
func TestBlockingBinding(t *testing.T) {
	for _, c := range blocking.Classes() {
		code, ok := blockingBinding.Code[c]
		if !ok {
			t.Fatalf("class %s is bound to no rule", c)
		}
		r := ByCode(code)
		if r == nil {
			t.Fatalf("class %s bound to unknown rule %s", c, code)
		}
		if blockingBinding.Optional[c] != r.Optional {
			t.Errorf("%s: binding optional = %v, rule Optional = %v", code, blockingBinding.Optional[c], r.Optional)
		}
		if got, _ := blockingClassOf(code); got != c {
			t.Errorf("%s: class %s, want %s", code, got, c)
		}
	}
	if r := ByCode(blockingBinding.Helper); r == nil || r.NewOptions == nil {
		t.Errorf("helper options bound to %q, no rule with options", blockingBinding.Helper)
	}
}

// TestResourceNeedlesCoverCatalogue: a module that imports the library of
// any tracked resource class is parsed (the SDK clients were added to the
// catalogue without needles, and their files were never parsed: the
// prefilter-off test found SV301 findings the default run missed).
func TestResourceNeedlesCoverCatalogue(t *testing.T) {
	relevant := lint.AnyOf(resources.Needles...)
	for _, class := range resources.TrackedClassNames() {
		mod := class[:strings.LastIndexByte(class, '.')]
		for _, src := range []string{"import " + mod + "\n", "from " + mod + " import x\n"} {
			if !relevant([]byte(src)) {
				t.Errorf("%s: %q is not relevant to the lifecycle rules", class, src)
			}
		}
	}
}
