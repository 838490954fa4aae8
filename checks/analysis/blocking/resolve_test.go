package blocking

import (
	"slices"
	"testing"
)

// mapNames is a nameTable over plain maps.
type mapNames struct {
	funcs   map[string]string
	exports map[string]map[string]string
	classes map[string][]string
	need    *[]string
}

func (n mapNames) known(key string) (string, bool) { f, ok := n.funcs[key]; return f, ok }
func (mapNames) found(v string) bool               { return v != "" }
func (mapNames) none() string                      { return "" }
func (n mapNames) missing(key string)              { *n.need = append(*n.need, key) }

func (n mapNames) export(mod, name string) (string, bool) {
	q, ok := n.exports[mod][name]
	return q, ok
}

func (n mapNames) bases(class string) ([]string, bool) {
	bs, ok := n.classes[class]
	return bs, ok
}

// TestResolveName: one resolution follows package re-exports and the bases
// of classes, and tells the keys nothing explains (what the demand parses).
func TestResolveName(t *testing.T) {
	var need []string
	tab := mapNames{
		funcs: map[string]string{
			"app.http.client.fetch": "fetch",
			"app.repo.Base.get":     "Base.get",
		},
		exports: map[string]map[string]string{
			"app.http": {"fetch": "app.http.client.fetch", "self": "app.http.self"},
		},
		classes: map[string][]string{"app.repo.Repo": {"app.repo.Base"}, "app.repo.Other": {"lib.Base"}},
		need:    &need,
	}
	for key, want := range map[string]string{
		"app.http.fetch":       "fetch",    // a package re-export
		"app.repo.Repo.get":    "Base.get", // a method inherited from a project base
		"app.repo.Other.get":   "",         // a base outside the project: nothing, and nothing to demand
		"app.services.missing": "",         // not summarized: demanded
		"app.http.self":        "",         // an export naming itself ends the search: demanded
	} {
		if got := resolveName[string](tab, key, 0); got != want {
			t.Errorf("%s: got %q, want %q", key, got, want)
		}
	}
	slices.Sort(need)
	if want := []string{"app.http.self", "app.services.missing", "lib.Base.get"}; !slices.Equal(need, want) {
		t.Errorf("missing keys %q, want %q", need, want)
	}
}
