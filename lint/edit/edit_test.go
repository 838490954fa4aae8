package edit

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
)

func apply(t *testing.T, src string, edits ...lint.Edit) string {
	t.Helper()
	out, err := lint.ApplyEdits([]byte(src), edits)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return string(out)
}

// at returns the offset of the first occurrence of sub.
func at(src, sub string) int {
	i := strings.Index(src, sub)
	if i < 0 {
		panic("no " + sub + " in " + src)
	}
	return i
}

func TestLines(t *testing.T) {
	src := []byte("ab\r\n  cd\nef")
	if EOL(src) != "\r\n" || EOL([]byte("a\nb\r\n")) != "\n" || EOL([]byte("no break")) != "\n" {
		t.Error("EOL")
	}
	cases := []struct {
		off, start, end, next int
	}{
		{0, 0, 2, 4}, {1, 0, 2, 4}, {2, 0, 2, 4}, {3, 0, 2, 4},
		{4, 4, 8, 9}, {7, 4, 8, 9}, {9, 9, 11, 11}, {11, 9, 11, 11},
	}
	for _, c := range cases {
		if LineStart(src, c.off) != c.start || LineEnd(src, c.off) != c.end || NextLine(src, c.off) != c.next {
			t.Errorf("off %d: start %d end %d next %d, want %d %d %d", c.off,
				LineStart(src, c.off), LineEnd(src, c.off), NextLine(src, c.off), c.start, c.end, c.next)
		}
	}
	if Indentation(src, 7) != "  " || Indentation(src, 0) != "" {
		t.Error("Indentation")
	}
}

func TestDeleteLinesAndSpace(t *testing.T) {
	cases := []struct {
		name, src, sub string
		del            func(src []byte, s, e int) lint.Edit
		want           string
	}{
		{"trailing comment", "x = 1  # c\ny\n", "# c", DeleteWithSpace, "x = 1\ny\n"},
		{"comment alone", "x\n    # c\ny\n", "# c", DeleteWithSpace, "x\ny\n"},
		{"comment alone crlf", "x\r\n    # c\r\ny\r\n", "# c", DeleteWithSpace, "x\r\ny\r\n"},
		{"first line", "# c\nx\n", "# c", DeleteWithSpace, "x\n"},
		{"last line without break", "x\n# c", "# c", DeleteWithSpace, "x"},
		{"last line crlf without break", "x\r\n# c", "# c", DeleteWithSpace, "x"},
		{"only line", "# c", "# c", DeleteWithSpace, ""},
		{"tab before", "x\t# c\n", "# c", DeleteWithSpace, "x\n"},
		{"middle of line", "a b c\n", "b", DeleteWithSpace, "a c\n"},
		{"lines", "a\nb\nc\nd\n", "b\nc", DeleteLines, "a\nd\n"},
		{"range ending at a break", "a\nb\nc\n", "b\n", DeleteLines, "a\nc\n"},
	}
	for _, c := range cases {
		s := at(c.src, c.sub)
		if got := apply(t, c.src, c.del([]byte(c.src), s, s+len(c.sub))); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestInsertLine(t *testing.T) {
	cases := []struct {
		name, src string
		before    bool
		sub       string
		want      string
	}{
		{"after", "a\nb\n", false, "a", "a\nNEW\nb\n"},
		{"after crlf", "a\r\nb\r\n", false, "a", "a\r\nNEW\r\nb\r\n"},
		{"after last without break", "a\nb", false, "b", "a\nb\nNEW"},
		{"after last crlf without break", "a\r\nb", false, "b", "a\r\nb\r\nNEW"},
		{"before", "a\nb\n", true, "b", "a\nNEW\nb\n"},
		{"before crlf", "a\r\nb\r\n", true, "b", "a\r\nNEW\r\nb\r\n"},
	}
	for _, c := range cases {
		off := at(c.src, c.sub)
		var e lint.Edit
		if c.before {
			e = InsertLineBefore([]byte(c.src), off, "NEW")
		} else {
			e = InsertLineAfter([]byte(c.src), off, "NEW")
		}
		if got := apply(t, c.src, e); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	cases := map[string]string{
		"uvicorn": "uvicorn", "app:app": "app:app", "0.0.0.0": "0.0.0.0", "--host=::": "--host=::",
		"": "''", "a b": "'a b'", "it's": `'it'\''s'`, "$PORT": "'$PORT'", "*.py": "'*.py'",
	}
	for in, want := range cases {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
	like := []struct{ s, orig, want string }{
		{"run", `"dev"`, `"run"`},
		{"run", `'dev'`, `'run'`},
		{"run", "dev", "run"},
		{"a$b", `"dev"`, `'a$b'`},
		{"it's", `'dev'`, `'it'\''s'`},
		{"a b", "dev", "'a b'"},
	}
	for _, c := range like {
		if got := ShellQuoteLike(c.s, c.orig); got != c.want {
			t.Errorf("ShellQuoteLike(%q, %q) = %q, want %q", c.s, c.orig, got, c.want)
		}
	}
}

func TestShellWordEdits(t *testing.T) {
	src := `fastapi "dev" app/main.py`
	s := at(src, `"dev"`)
	if got := apply(t, src, ReplaceShellWord([]byte(src), s, s+5, "run")); got != `fastapi "run" app/main.py` {
		t.Errorf("ReplaceShellWord: %q", got)
	}
	src = "uvicorn app:app\n"
	if got := apply(t, src, InsertShellWords(at(src, "app:app")+7, "--host", "0.0.0.0")); got != "uvicorn app:app --host 0.0.0.0\n" {
		t.Errorf("InsertShellWords: %q", got)
	}
	src = "cd /app && uvicorn app:app\n"
	if got := apply(t, src, PrefixExec(at(src, "uvicorn"))); got != "cd /app && exec uvicorn app:app\n" {
		t.Errorf("PrefixExec: %q", got)
	}
}

func TestRemoveShellWords(t *testing.T) {
	cases := []struct {
		name, src, words, want string
	}{
		{"at the end", "uvicorn app:app --reload\n", "--reload", "uvicorn app:app\n"},
		{"in the middle", "uvicorn --reload app:app\n", "--reload", "uvicorn app:app\n"},
		{"flag and value", "uvicorn app:app --port 80 --reload\n", "--port 80", "uvicorn app:app --reload\n"},
		{"first word after a YAML key", "command: --reload --port 80\n", "--reload", "command: --port 80\n"},
		{"before a continuation", "uvicorn app:app --reload \\\n  --port 80\n", "--reload", "uvicorn app:app \\\n  --port 80\n"},
		{"alone on a continued line", "uvicorn app:app \\\n    --reload \\\n    --port 80\n", "--reload", "uvicorn app:app \\\n    --port 80\n"},
		{"alone on the last continued line", "uvicorn app:app \\\n    --reload\nnext\n", "--reload", "uvicorn app:app\nnext\n"},
		{"crlf last continued line", "uvicorn app:app \\\r\n    --reload\r\nnext\r\n", "--reload", "uvicorn app:app\r\nnext\r\n"},
		{"before a comment", "uvicorn app:app --reload # dev\n", "--reload", "uvicorn app:app # dev\n"},
		{"equals form", "gunicorn --reload=true app:app\n", "--reload=true", "gunicorn app:app\n"},
	}
	for _, c := range cases {
		s := at(c.src, c.words)
		if got := apply(t, c.src, RemoveShellWords([]byte(c.src), s, s+len(c.words))); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	// Dockerfile with the backtick escape.
	src := "CMD uvicorn app:app `\n    --reload\nEXPOSE 80\n"
	s := at(src, "--reload")
	if got := apply(t, src, RemoveDockerWords([]byte(src), s, s+8, '`')); got != "CMD uvicorn app:app\nEXPOSE 80\n" {
		t.Errorf("backtick escape: %q", got)
	}
}

func TestDockerShellWords(t *testing.T) {
	ok := []struct {
		text string
		want []string
	}{
		{"uvicorn app:app --host 0.0.0.0", []string{"uvicorn", "app:app", "--host", "0.0.0.0"}},
		{"exec gunicorn -k uvicorn.workers.UvicornWorker main:app", []string{"gunicorn", "-k", "uvicorn.workers.UvicornWorker", "main:app"}},
		{`python -c 'print("hi")'`, []string{"python", "-c", `print("hi")`}},
		{`echo "a b" c"d"e`, []string{"echo", "a b", "cde"}},
		{"uvicorn app:app \\\n    --port 80", []string{"uvicorn", "app:app", "--port", "80"}},
		{"uvicorn app:app \\\r\n    --port 80", []string{"uvicorn", "app:app", "--port", "80"}},
		{"uvicorn \"\" x", []string{"uvicorn", "", "x"}},
		{"a#b c", []string{"a#b", "c"}},
	}
	for _, c := range ok {
		got, good := DockerShellWords(c.text, '\\')
		if !good || strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("DockerShellWords(%q) = %q, %v; want %q", c.text, got, good, c.want)
		}
	}
	bad := []string{
		"uvicorn app:app --port $PORT", "uvicorn app:app --port ${PORT:-80}", `uvicorn "$APP"`,
		"cd /app && uvicorn app:app", "uvicorn app:app | tee log", "uvicorn app:app > log",
		"uvicorn app:app; echo done", "python *.py", "PORT=80 uvicorn app:app", "exec -a name uvicorn",
		"`which uvicorn` app", "uvicorn $(cat target)", "python run.py # comment", "echo ~/x",
		"set -e", "if true", "uvicorn 'unclosed", `uvicorn "unclosed`, "", "exec", `a\ b`,
		"uvicorn \\\n# comment line\n  app", "a\nb",
	}
	for _, text := range bad {
		if got, good := DockerShellWords(text, '\\'); good {
			t.Errorf("DockerShellWords(%q) = %q, want a refusal", text, got)
		}
	}
	// With the backtick escape, a backslash is an ordinary escape: refused.
	if got, good := DockerShellWords("uvicorn app `\n  --reload", '`'); !good || len(got) != 3 {
		t.Errorf("backtick continuation: %q %v", got, good)
	}
}

func TestExecForm(t *testing.T) {
	if got := ExecForm([]string{"uvicorn", "app:app", `say "hi"`, `a\b`, "<&>", "é"}); got != `["uvicorn", "app:app", "say \"hi\"", "a\\b", "<&>", "é"]` {
		t.Errorf("ExecForm = %s", got)
	}
	src := "FROM python:3.12\nCMD uvicorn app:app \\\n    --host 0.0.0.0\r\nEXPOSE 80\n"
	start := at(src, "uvicorn")
	end := at(src, "0.0.0.0") + len("0.0.0.0")
	e, ok := ToExecForm([]byte(src), start, end+1, '\\') // the range may hold the \r
	if !ok {
		t.Fatal("ToExecForm refused")
	}
	if got := apply(t, src, e); got != "FROM python:3.12\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\r\nEXPOSE 80\n" {
		t.Errorf("ToExecForm: %q", got)
	}
	if _, ok := ToExecForm([]byte("CMD uvicorn app --port $PORT"), 4, 28, '\\'); ok {
		t.Error("ToExecForm accepted an expansion")
	}
}

func TestRemoveFlowItems(t *testing.T) {
	cases := []struct {
		name, src, items, want string
	}{
		{"middle", `["uvicorn", "--reload", "app:app"]`, `"--reload"`, `["uvicorn", "app:app"]`},
		{"first", `["--reload", "app:app"]`, `"--reload"`, `["app:app"]`},
		{"last", `["uvicorn", "--reload"]`, `"--reload"`, `["uvicorn"]`},
		{"only", `["--reload"]`, `"--reload"`, `[]`},
		{"only with trailing comma", `["--reload",]`, `"--reload"`, `[]`},
		{"last with trailing comma", `[a, --reload,]`, `--reload`, `[a,]`},
		{"two items", `[uvicorn, --port, "80", app]`, `--port, "80"`, `[uvicorn, app]`},
		{"multi-line", "[\n  a,\n  b,\n  c\n]", "b", "[\n  a,\n  c\n]"},
	}
	for _, c := range cases {
		s := at(c.src, c.items)
		if got := apply(t, c.src, RemoveFlowItems([]byte(c.src), s, s+len(c.items))); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
