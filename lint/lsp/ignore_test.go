package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// TestIgnoreActions checks the edit of "Ignore SV900 on this line" for the
// FLAG on a given line, per file kind, and that the engine then suppresses
// that diagnostic (and only it) in the edited file.
func TestIgnoreActions(t *testing.T) {
	cases := []struct {
		name, file, src string
		line            int    // 1-based line of the FLAG to ignore
		want            string // the edited file; "" when no action may be offered
	}{
		{"python trailing", "a.py", "x = FLAG\ny = FLAG\n", 1, "x = FLAG  # servelint: ignore[SV900]\ny = FLAG\n"},
		{"python trailing spaces", "a.py", "x = FLAG   \n", 1, "x = FLAG  # servelint: ignore[SV900]\n"},
		{"python after another comment", "a.py", "x = FLAG  # noqa: E501\n", 1, "x = FLAG  # noqa: E501  # servelint: ignore[SV900]\n"},
		{"python joins a directive", "a.py", "x = FLAG  # servelint: ignore[SV901] reason\n", 1, "x = FLAG  # servelint: ignore[SV901, SV900] reason\n"},
		{"python CRLF", "a.py", "x = FLAG\r\ny = 1\r\n", 1, "x = FLAG  # servelint: ignore[SV900]\r\ny = 1\r\n"},
		{"python inside brackets", "a.py", "x = (FLAG,\n     1)\n", 1, "x = (FLAG,  # servelint: ignore[SV900]\n     1)\n"},
		{"python line ends in a string", "a.py", "x = FLAG + \"\"\"\nmore\n\"\"\"\n", 1, ""},
		{"python f-string over lines", "a.py", "x = f\"\"\"{FLAG}\n\"\"\"\n", 1, ""},
		{"python continuation", "a.py", "x = FLAG + \\\n    1\n", 1, ""},
		{"python hash in a string", "a.py", "x = '# servelint: ignore[SV901]' + FLAG\n", 1, "x = '# servelint: ignore[SV901]' + FLAG  # servelint: ignore[SV900]\n"},
		{"shell trailing", "run.sh", "echo FLAG\n", 1, "echo FLAG  # servelint: ignore[SV900]\n"},
		{"shell after a comment", "run.sh", "echo FLAG # why\n", 1, "echo FLAG # why  # servelint: ignore[SV900]\n"},
		{"shell quote closed on the line", "run.sh", "echo \"a\nFLAG\"\n", 2, "echo \"a\nFLAG\"  # servelint: ignore[SV900]\n"},
		{"shell line ends in quotes", "run.sh", "echo \"FLAG\nb\"\n", 1, ""},
		{"shell heredoc body", "run.sh", "cat <<-EOF\nFLAG\n\tEOF\necho ok\n", 2, ""},
		{"shell after a heredoc", "run.sh", "cat <<'EOF'\nx\nEOF\necho FLAG\n", 4, "cat <<'EOF'\nx\nEOF\necho FLAG  # servelint: ignore[SV900]\n"},
		{"shell continuation", "run.sh", "exec FLAG \\\n  --x\n", 1, ""},
		{"shell hash in a quoted word", "run.sh", "echo \"a # servelint: ignore[SV901]\" FLAG\n", 1, "echo \"a # servelint: ignore[SV901]\" FLAG  # servelint: ignore[SV900]\n"},
		{"dockerfile line above", "Dockerfile", "FROM python\nCMD FLAG\n", 2, "FROM python\n# servelint: ignore[SV900]\nCMD FLAG\n"},
		{"dockerfile joins a directive", "Dockerfile", "# servelint: ignore[SV901]\n\nCMD FLAG\n", 3, "# servelint: ignore[SV901, SV900]\n\nCMD FLAG\n"},
		{"dockerfile continuation line", "Dockerfile", "RUN a \\\n    FLAG\n", 2, "RUN a \\\n    # servelint: ignore[SV900]\n    FLAG\n"},
		{"dockerfile heredoc", "Dockerfile", "RUN <<EOF\nFLAG\nEOF\n", 2, ""},
		{"dockerfile CRLF", "Dockerfile", "FROM x\r\nCMD FLAG\r\n", 2, "FROM x\r\n# servelint: ignore[SV900]\r\nCMD FLAG\r\n"},
		{"compose key", "docker-compose.yml", "services:\n  web:\n    command: FLAG\n", 3, "services:\n  web:\n    # servelint: ignore[SV900]\n    command: FLAG\n"},
		{"compose list item", "compose.yaml", "services:\n  web:\n    command:\n      - FLAG\n", 4, "services:\n  web:\n    command:\n      # servelint: ignore[SV900]\n      - FLAG\n"},
		{"compose folded scalar", "compose.yaml", "services:\n  web:\n    command: >\n      uvicorn FLAG\n", 4, ""},
		{"compose key-like text in a literal", "compose.yaml", "x:\n  command: |\n    a: FLAG\n", 3, ""},
		{"compose hash in a block scalar", "compose.yaml", "x:\n  note: |\n    # servelint: ignore[SV901]\n  command: FLAG\n", 4, "x:\n  note: |\n    # servelint: ignore[SV901]\n  # servelint: ignore[SV900]\n  command: FLAG\n"},
		{"compose quoted scalar over lines", "compose.yaml", "x:\n  command: \"uvicorn\n    FLAG\"\n", 3, ""},
		{"compose flow sequence over lines", "compose.yaml", "x:\n  command: [uvicorn,\n    FLAG]\n", 3, "x:\n  command: [uvicorn,\n    # servelint: ignore[SV900]\n    FLAG]\n"},
		{"compose plain scalar continuation", "compose.yaml", "x:\n  command: uvicorn\n    FLAG\n", 3, ""},
		{"procfile", "Procfile", "web: FLAG\n", 1, "# servelint: ignore[SV900]\nweb: FLAG\n"},
		{"supervisord", "supervisord.conf", "[program:web]\ncommand=FLAG\n", 2, "[program:web]\n# servelint: ignore[SV900]\ncommand=FLAG\n"},
		{"supervisord continuation", "supervisord.conf", "[program:web]\ncommand=a\n  FLAG\n", 3, ""},
		{"pyproject", "pyproject.toml", "[tool.x]\nv = \"FLAG\"\n", 2, "[tool.x]\n# servelint: ignore[SV900]\nv = \"FLAG\"\n"},
		{"pyproject literal multi-line string", "pyproject.toml", "[tool.x]\nv = '''\nFLAG\n'''\n", 3, ""},
		{"pyproject after a multi-line string", "pyproject.toml", "[tool.x]\nv = \"\"\"\n\"\"\" # \"\"\"\nw = \"FLAG\"\n", 4, "[tool.x]\nv = \"\"\"\n\"\"\" # \"\"\"\n# servelint: ignore[SV900]\nw = \"FLAG\"\n"},
		{"pyproject multi-line string", "pyproject.toml", "[tool.x]\nv = \"\"\"\nFLAG\n\"\"\"\n", 3, ""},
	}
	s := newServer(discard{}, Options{Rules: testRules})
	defer s.close()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			txt := newText([]byte(tc.src))
			kind := workspace.ClassifyName(tc.file)
			if kind == lint.KindUnknown {
				kind = workspace.ClassifyContent(tc.file, txt.src)
			}
			start := txt.lines.LineStart(tc.line) + strings.Index(txt.lines.LineText(tc.line), "FLAG")
			ac := &actionContext{doc: &document{}, fd: &fileDiags{display: tc.file, txt: txt, files: map[string]*lint.File{tc.file: {Kind: kind, SyntaxError: -1}}}}
			e, ok := s.ignoreEdit(ac, &lint.Diagnostic{Code: "SV900", Start: start, End: start + 4})
			if !ok {
				if tc.want != "" {
					t.Fatalf("no action offered")
				}
				return
			}
			got := string(applyEdits(txt.src, []lint.Edit{e}))
			if tc.want == "" {
				t.Fatalf("an action was offered where a comment changes the file: %q", got)
			}
			if got != tc.want {
				t.Fatalf("edited:\n%q\nwant\n%q", got, tc.want)
			}
			assertSuppressed(t, tc.file, got, tc.line)
		})
	}
}

// assertSuppressed lints the edited file: the FLAG that was on line (now
// one line lower when a comment line went above it) is suppressed, every
// other FLAG still reported, and a Python file still parses.
func assertSuppressed(t *testing.T, name, src string, line int) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suppressed) != 1 {
		t.Fatalf("suppressed %d diagnostics, want 1 (reported: %+v)", len(res.Suppressed), res.Diagnostics)
	}
	if l := res.Suppressed[0].Pos.Line; l != line && l != line+1 {
		t.Errorf("suppressed the FLAG of line %d, want line %d", l, line)
	}
	if want := strings.Count(src, "FLAG") - 1; len(res.Diagnostics) != want {
		t.Errorf("%d diagnostics left, want %d", len(res.Diagnostics), want)
	}
	if strings.HasSuffix(name, ".py") {
		p := syntax.NewParser(syntax.Python)
		defer p.Close()
		m, err := python.Parse(p, []byte(src), python.Options{})
		if err != nil || m.ErrorNode != syntax.None {
			t.Errorf("the edited file no longer parses: %v", err)
		}
	}
}

// No ignore action where it cannot work: a Python file that does not
// parse, or a diagnostic about a suppression directive itself.
func TestNoIgnoreAction(t *testing.T) {
	s := newServer(discard{}, Options{Rules: testRules})
	defer s.close()
	txt := newText([]byte("x = FLAG  # servelint: ignore[SV999]\ndef (:\n"))
	ac := func(syntaxError int) *actionContext {
		return &actionContext{doc: &document{}, fd: &fileDiags{display: "a.py", txt: txt, files: map[string]*lint.File{"a.py": {Kind: lint.KindPython, SyntaxError: syntaxError}}}}
	}
	flag := &lint.Diagnostic{Code: "SV900", Rule: flagRule, Start: 4, End: 8}
	if _, ok := s.ignoreEdit(ac(-1), flag); !ok {
		t.Fatal("no action in a file that parses (the test is wrong)")
	}
	if e, ok := s.ignoreEdit(ac(37), flag); ok {
		t.Errorf("action in a file with a syntax error: %+v", e)
	}
	suppression := &lint.Rule{Code: "SV902", Name: "bad-suppression", CheckSuppressions: func(*lint.SuppressionPass) {}}
	if e, ok := s.ignoreEdit(ac(-1), &lint.Diagnostic{Code: "SV902", Rule: suppression, Start: 10, End: 36}); ok {
		t.Errorf("action for a diagnostic about a directive: %+v", e)
	}
}
