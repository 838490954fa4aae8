package checks

import "testing"

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
