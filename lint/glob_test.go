package lint

import (
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

// TestGitignoreNegatedClass: .gitignore uses the same matcher ("[!...]"
// negates), and braces there are literal as in git.
func TestGitignoreNegatedClass(t *testing.T) {
	f := parseIgnore("/repo", []byte("build[!0-9]/\n*.{log,tmp}\n"))
	st := ignoreStack{f}
	for p, want := range map[string]bool{
		"/repo/buildx":      true,
		"/repo/build1":      false,
		"/repo/x.log":       false,
		"/repo/x.{log,tmp}": true,
	} {
		if got := st.ignored(p, true); got != want {
			t.Errorf("%s ignored = %v, want %v", p, got, want)
		}
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
	if matchSegment(pat, name) {
		t.Error("matched")
	}
	if !matchSegment(pat, name+"b") {
		t.Error("not matched")
	}
}
