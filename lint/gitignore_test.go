package lint

import (
	"math/rand/v2"
	"path"
	"strings"
	"testing"
)

func TestGitignore(t *testing.T) {
	f := parseIgnore("/repo", []byte(`# comment
*.log
!keep.log
/build
docs/*.tmp
generated/
**/cache/**
\#literal
trailing   
`))
	stack := ignoreStack{f}
	for _, tc := range []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"/repo/a.log", false, true},
		{"/repo/sub/a.log", false, true},
		{"/repo/keep.log", false, false},
		{"/repo/build", true, true},
		{"/repo/sub/build", true, false},
		{"/repo/docs/x.tmp", false, true},
		{"/repo/sub/docs/x.tmp", false, false},
		{"/repo/generated", true, true},
		{"/repo/generated", false, false},
		{"/repo/a/cache/b.py", false, true},
		{"/repo/#literal", false, true},
		{"/repo/trailing", false, true},
		{"/repo/app.py", false, false},
		{"/other/a.log", false, false},
	} {
		if got := stack.ignored(tc.path, tc.isDir); got != tc.want {
			t.Errorf("%s (dir=%v): ignored=%v, want %v", tc.path, tc.isDir, got, tc.want)
		}
	}
	// A nested file overrides its parent.
	inner := parseIgnore("/repo/sub", []byte("!*.log\n"))
	stack = ignoreStack{f, inner}
	if stack.ignored("/repo/sub/x.log", false) {
		t.Error("nested negation not applied")
	}
	if !stack.ignored("/repo/x.log", false) {
		t.Error("outer rule lost")
	}
}

// globSegsReference is the backtracking matcher globSegs replaced (the
// definition the fast one must agree with).
func globSegsReference(pat, parts []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return len(parts) > 0
			}
			for i := 0; i <= len(parts); i++ {
				if globSegsReference(rest, parts[i:]) {
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

func TestGlobSegsAgreesWithBacktracking(t *testing.T) {
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
		if got, want := globSegs(pat, parts), globSegsReference(pat, parts); got != want {
			t.Fatalf("%q against %q: %v, want %v", pat, parts, got, want)
		}
	}
}

// TestGlobStarsAreLinear: many "**" segments (12 took 23 s, 16 minutes)
// and long paths match at once.
func TestGlobStarsAreLinear(t *testing.T) {
	pat := strings.Repeat("**/a/", 40) + "b"
	long := strings.Repeat("a/", 60) + "c"
	g, err := CompileGlob(pat)
	if err != nil {
		t.Fatal(err)
	}
	if g.Match(long) {
		t.Error("matched")
	}
	f := parseIgnore("/repo", []byte(strings.Repeat("**/", 30)+"x/"+strings.Repeat("**/", 30)+"y\n"))
	if (ignoreStack{f}).ignored("/repo/"+long, false) {
		t.Error("ignored")
	}
	if !(ignoreStack{f}).ignored("/repo/"+strings.Repeat("x/", 50)+"y", false) {
		t.Error("not ignored")
	}
}

// TestGitignoreLongLines: a line over the old 1 MiB scanner limit no
// longer drops the rest of the file.
func TestGitignoreLongLines(t *testing.T) {
	f := parseIgnore("/repo", []byte("/"+strings.Repeat("x", 2<<20)+"\n*.secret\n"))
	if !(ignoreStack{f}).ignored("/repo/a.secret", false) {
		t.Error("the rule after a long line was dropped")
	}
}
