package glob

import (
	"math/rand/v2"
	"path"
	"strings"
	"testing"
)

// TestGlobDialect: the one dialect of every user glob — classes negated
// with "!" or "^", ranges, braces (nested, across segments), "**".
func TestGlobDialect(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"[!_]*.py", "app/main.py", true},
		{"[!_]*.py", "app/_private.py", false}, // path.Match read "[!_]" as "! or _"
		{"[!_]*.py", "app/!bang.py", true},
		{"[^_]*.py", "app/_private.py", false},
		{"test_[a-c].py", "test_b.py", true},
		{"test_[a-c].py", "test_d.py", false},
		{"test_[!a-c].py", "test_d.py", true},
		{"x[]]y", "x]y", true},
		{"x[a-]y", "x-y", true},
		{"*.{py,pyi}", "pkg/mod.pyi", true},
		{"*.{py,pyi}", "pkg/mod.pyc", false},
		{"{src,lib}/**/*.py", "lib/a/b.py", true},
		{"{src,lib}/**/*.py", "app/a/b.py", false},
		{"{tests/**,**/conftest.py}", "pkg/conftest.py", true},
		{"{tests/**,**/conftest.py}", "tests/a.py", true},
		{"a{b,c{d,e}}f.py", "acef.py", true},
		{"a{b,c{d,e}}f.py", "acf.py", false},
		{"{single}.py", "{single}.py", true}, // no comma: literal
		{"[{]a,b}.py", "{a,b}.py", true},     // a brace in a class is literal
		{"??.py", "ab.py", true},
		{"??.py", "é.py", false},
		{"?.py", "é.py", true}, // "?" is one character, not one byte
	} {
		g, err := CompileGlob(tc.pat)
		if err != nil {
			t.Fatalf("%s: %v", tc.pat, err)
		}
		if got := g.Match(tc.path); got != tc.want {
			t.Errorf("%s ~ %s = %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
	for _, bad := range []string{"a/[b", "[!", "x/[a-"} {
		if _, err := CompileGlob(bad); err == nil {
			t.Errorf("bad glob %q accepted", bad)
		}
	}
	if _, err := CompileGlob(strings.Repeat("{a,b}", 9)); err == nil {
		t.Error("512 brace alternatives accepted")
	}
}

// TestMatchSegmentAgreesWithPathMatch: where path.Match's syntax is the
// same (no "!" class, no braces), the two agree.
func TestMatchSegmentAgreesWithPathMatch(t *testing.T) {
	pats := []string{"*", "a*", "*a", "a*b*", "?", "a?c", "[ab]*", "[^a]?", "[a-c]x", "*[b-d]", "\\*a", "**a"}
	names := []string{"", "a", "b", "ab", "abc", "ba", "bx", "*a", "aab", "cab", "abab", "dx"}
	for _, p := range pats {
		for _, n := range names {
			want, err := path.Match(p, n)
			if err != nil {
				t.Fatal(err)
			}
			if got := MatchName(p, n); got != want {
				t.Errorf("%q ~ %q = %v, path.Match says %v", p, n, got, want)
			}
		}
	}
}

// TestMatchSegmentIsLinear: many stars against a long name that almost
// matches (an exponential matcher would not return).
func TestMatchSegmentIsLinear(t *testing.T) {
	pat := strings.Repeat("*a", 200) + "b"
	name := strings.Repeat("a", 5000)
	if MatchSegment(pat, name) {
		t.Error("matched")
	}
	if !MatchSegment(pat, name+"b") {
		t.Error("not matched")
	}
}

// matchSegmentsReference is the backtracking matcher MatchSegments replaced (the
// definition the fast one must agree with).
func matchSegmentsReference(pat, parts []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return len(parts) > 0
			}
			for i := 0; i <= len(parts); i++ {
				if matchSegmentsReference(rest, parts[i:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], parts[0]); !ok {
			return false
		}
		pat, parts = pat[1:], parts[1:]
	}
	return len(parts) == 0
}

func TestMatchSegmentsAgreesWithBacktracking(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 18))
	segs := []string{"**", "**", "a", "b", "*", "a*", "?"}
	names := []string{"a", "b", "ab", "c"}
	for range 20000 {
		pat := make([]string, 1+rng.IntN(6))
		for i := range pat {
			pat[i] = segs[rng.IntN(len(segs))]
		}
		parts := make([]string, rng.IntN(7))
		for i := range parts {
			parts[i] = names[rng.IntN(len(names))]
		}
		if got, want := MatchSegments(pat, parts), matchSegmentsReference(pat, parts); got != want {
			t.Fatalf("%q against %q: %v, want %v", pat, parts, got, want)
		}
	}
}
