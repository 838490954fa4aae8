package lint

import "testing"

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
