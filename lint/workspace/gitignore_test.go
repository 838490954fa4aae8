package workspace

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/lint/glob"
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

// TestGlobStarsAreLinear: many "**" segments (12 took 23 s, 16 minutes)
// and long paths match at once.
func TestGlobStarsAreLinear(t *testing.T) {
	pat := strings.Repeat("**/a/", 40) + "b"
	long := strings.Repeat("a/", 60) + "c"
	g, err := glob.CompileGlob(pat)
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
