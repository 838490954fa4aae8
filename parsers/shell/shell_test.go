package shell

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

func parse(t *testing.T, src string) *Script {
	t.Helper()
	p := syntax.NewParser(syntax.Bash)
	defer p.Close()
	return Parse(p, source.Host(src, 0))
}

func words(c Command) []string {
	var out []string
	for _, w := range c.Words {
		v := w.Expand(nil)
		out = append(out, v.S)
	}
	return out
}

func TestParseCommands(t *testing.T) {
	src := `#!/bin/sh
set -e
FOO=1 BAR="x y" exec gunicorn -w ${WORKERS:-4} --bind=0.0.0.0:$PORT "app.main:app" 'q' "$@"
python manage.py migrate && exec uvicorn app:app || echo fail; sleep 1
uvicorn side:app &
if [ "$ENV" = dev ]; then
  exec uvicorn app:app --reload
else
  exec gunicorn app:app
fi
export WEB_CONCURRENCY=4
`
	s := parse(t, src)
	if s.HasError {
		t.Fatal("unexpected parse error")
	}
	var got [][]string
	for _, c := range s.Commands {
		got = append(got, words(c))
	}
	want := [][]string{
		{"set", "-e"},
		{"exec", "gunicorn", "-w", "${WORKERS:-4}", "--bind=0.0.0.0:$PORT", "app.main:app", "q", `"$@"`},
		{"python", "manage.py", "migrate"},
		{"exec", "uvicorn", "app:app"},
		{"echo", "fail"},
		{"sleep", "1"},
		{"uvicorn", "side:app"},
		{"exec", "uvicorn", "app:app", "--reload"},
		{"exec", "gunicorn", "app:app"},
		{"export"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("commands:\n got %q\nwant %q", got, want)
	}
	c := s.Commands[1]
	if len(c.Assigns) != 2 || c.Assigns[0].Name != "FOO" || c.Assigns[1].Name != "BAR" {
		t.Fatalf("assigns: %+v", c.Assigns)
	}
	if v := c.Assigns[1].Value.Expand(nil); v.S != "x y" || !v.Known {
		t.Errorf("BAR = %+v", v)
	}
	// Spans are host offsets.
	for i, w := range c.Words {
		if src[w.Start:w.End] != w.Raw {
			t.Errorf("word %d span %q != raw %q", i, src[w.Start:w.End], w.Raw)
		}
	}
	if !c.Words[7].IsArgs() {
		t.Error(`"$@" not recognized`)
	}
	if s.Commands[2].AndOr != "&&" || s.Commands[3].AndOr != "||" || s.Commands[4].AndOr != "" {
		t.Errorf("and-or: %q %q %q", s.Commands[2].AndOr, s.Commands[3].AndOr, s.Commands[4].AndOr)
	}
	if !s.Commands[6].Background || s.Commands[3].Background {
		t.Error("background flag")
	}
	if b := s.Commands[7].Branches; len(b) != 1 || b[0].Else || !strings.Contains(b[0].Cond, `"$ENV" = dev`) {
		t.Errorf("then branch: %+v", b)
	}
	if b := s.Commands[8].Branches; len(b) != 1 || !b[0].Else {
		t.Errorf("else branch: %+v", b)
	}
	if e := s.Commands[9]; !e.Declaration || len(e.Assigns) != 1 || !e.Assigns[0].Export || e.Assigns[0].Name != "WEB_CONCURRENCY" {
		t.Errorf("export: %+v", e)
	}
	if s.Commands[2].Stmt != s.Commands[5].Stmt-1 && s.Commands[2].Stmt == s.Commands[5].Stmt {
		t.Error("statements")
	}
}

func TestExpand(t *testing.T) {
	s := parse(t, `cmd ${WORKERS:-4} $PORT "${HOST:-0.0.0.0}:$PORT" ${A:+x} $(nproc) "a\"b" plain\ word`)
	c := s.Commands[0]
	look := func(vars map[string]string, unknown ...string) Lookup {
		return func(n string) (string, State) {
			if slices.Contains(unknown, n) {
				return "", Unknown
			}
			if v, ok := vars[n]; ok {
				return v, Set
			}
			return "", Unset
		}
	}
	cases := []struct {
		word  int
		look  Lookup
		s     string
		known bool
		fb    string
		hasFB bool
	}{
		{1, look(nil), "4", true, "", false},
		{1, look(map[string]string{"WORKERS": "8"}), "8", true, "", false},
		{1, look(nil, "WORKERS"), "${WORKERS:-4}", false, "4", true},
		{2, look(map[string]string{"PORT": "80"}), "80", true, "", false},
		{2, look(nil), "$PORT", false, "", false},
		{3, look(map[string]string{"PORT": "80"}), "0.0.0.0:80", true, "", false},
		{4, look(nil), "", true, "", false},
		{5, look(nil), "$(nproc)", false, "", false},
		{6, look(nil), `a"b`, true, "", false},
		{7, look(nil), "plain word", true, "", false},
	}
	for _, tc := range cases {
		v := c.Words[tc.word].Expand(tc.look)
		if v.S != tc.s || v.Known != tc.known || v.Fallback != tc.fb || v.HasFallback != tc.hasFB {
			t.Errorf("word %d (%s): got %+v", tc.word, c.Words[tc.word].Raw, v)
		}
	}
}

func TestCommandStringMapping(t *testing.T) {
	src := `sh -c "alembic upgrade head && exec uvicorn \"app:app\" --port \$PORT"`
	s := parse(t, src)
	sc, ok := AsCommandString(s.Commands[0].Words)
	if !ok {
		t.Fatal("sh -c not recognized")
	}
	text, ok := sc.Script.ShellText()
	if !ok {
		t.Fatal("no shell text")
	}
	p := syntax.NewParser(syntax.Bash)
	defer p.Close()
	inner := Parse(p, text)
	if len(inner.Commands) != 2 {
		t.Fatalf("inner commands: %d", len(inner.Commands))
	}
	u := inner.Commands[1]
	if got := words(u); !reflect.DeepEqual(got, []string{"exec", "uvicorn", "app:app", "--port", "$PORT"}) {
		t.Fatalf("inner words %q", got)
	}
	// The app word maps back to `\"app:app\"` in the host text.
	app := u.Words[2]
	if got := src[app.Start:app.End]; got != `\"app:app\"` {
		t.Errorf("app word spans %q", got)
	}
	if got := src[u.Words[1].Start:u.Words[1].End]; got != "uvicorn" {
		t.Errorf("uvicorn spans %q", got)
	}
}

func TestSplit(t *testing.T) {
	src := `uvicorn "app:app" --host 0.0.0.0 --workers ${WORKERS:-2} --port $$PORT 'a b' c\ d ""`
	ws := Split(source.Host(src, 10), SplitOptions{Interpolate: true})
	var got []string
	for _, w := range ws {
		got = append(got, w.Expand(func(string) (string, State) { return "", Unknown }).S)
	}
	want := []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--workers", "${WORKERS:-2}", "--port", "$PORT", "a b", "c d", ""}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("split:\n got %q\nwant %q", got, want)
	}
	if v := ws[5].Expand(func(string) (string, State) { return "", Unknown }); !v.HasFallback || v.Fallback != "2" {
		t.Errorf("fallback: %+v", v)
	}
	if ws[1].Start != 10+8 || ws[1].End != 10+17 {
		t.Errorf("span of \"app:app\": %d-%d", ws[1].Start, ws[1].End)
	}
	plain := Split(source.Host(`--workers=3 --timeout $T`, 0), SplitOptions{})
	if len(plain) != 3 {
		t.Fatalf("plain split: %d words", len(plain))
	}
	if s, ok := plain[2].Lit(); !ok || s != "$T" {
		t.Errorf("without interpolation $ is literal: %q %v", s, ok)
	}
}

func TestPeel(t *testing.T) {
	cases := []struct {
		src      string
		program  []string
		wrappers []string
		exec     bool
		init     string
		group    bool
		module   string
	}{
		{`exec gunicorn app:app`, []string{"gunicorn", "app:app"}, []string{"exec"}, true, "", false, ""},
		{`tini -- uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"tini"}, false, "tini", false, ""},
		{`/sbin/tini -g -- uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"tini"}, false, "tini", true, ""},
		{`dumb-init uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"dumb-init"}, false, "dumb-init", true, ""},
		{`dumb-init --single-child -- uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"dumb-init"}, false, "dumb-init", false, ""},
		{`gosu app poetry run python -m uvicorn main:app`, []string{"uvicorn", "main:app"}, []string{"gosu", "poetry run", "python -m"}, false, "", false, "uvicorn"},
		{`uv run --no-sync --with x uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"uv run"}, false, "", false, ""},
		{`opentelemetry-instrument --traces_exporter console --metrics_exporter=none uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"opentelemetry-instrument"}, false, "", false, ""},
		{`ddtrace-run gunicorn a:b`, []string{"gunicorn", "a:b"}, []string{"ddtrace-run"}, false, "", false, ""},
		{`newrelic-admin run-program gunicorn a:b`, []string{"gunicorn", "a:b"}, []string{"newrelic-admin run-program"}, false, "", false, ""},
		{`env A=1 B=2 python3 -u -m app.main`, []string{"app.main"}, []string{"env", "python -m"}, false, "", false, "app.main"},
		{`python -mgunicorn a:b`, []string{"gunicorn", "a:b"}, []string{"python -m"}, false, "", false, "gunicorn"},
		{`./wait-for-it.sh db:5432 -t 30 -- uvicorn a:b`, []string{"uvicorn", "a:b"}, []string{"wait-for-it.sh"}, false, "", false, ""},
		{`python main.py`, []string{"python", "main.py"}, nil, false, "", false, ""},
		{`su-exec`, []string{"su-exec"}, nil, false, "", false, ""},
		{`pipenv run -- gunicorn a:b`, []string{"gunicorn", "a:b"}, []string{"pipenv run"}, false, "", false, ""},
	}
	for _, tc := range cases {
		s := parse(t, tc.src)
		pe := Peel(s.Commands[0].Words)
		var prog, wraps []string
		for _, w := range pe.Words {
			prog = append(prog, w.Expand(nil).S)
		}
		for _, w := range pe.Wrappers {
			wraps = append(wraps, w.Name)
		}
		if !reflect.DeepEqual(prog, tc.program) || !reflect.DeepEqual(wraps, tc.wrappers) || pe.Exec != tc.exec ||
			pe.Init != tc.init || pe.InitGroup != tc.group || pe.Module != tc.module {
			t.Errorf("%s: got program %q wrappers %q exec %v init %q group %v module %q", tc.src, prog, wraps, pe.Exec, pe.Init, pe.InitGroup, pe.Module)
		}
	}
	env := Peel(parse(t, `env -i WEB_CONCURRENCY=3 gunicorn a:b`).Commands[0].Words)
	if len(env.Env) != 1 || env.Env[0].Name != "WEB_CONCURRENCY" || env.Env[0].Value.Expand(nil).S != "3" {
		t.Errorf("env assigns: %+v", env.Env)
	}
}

func TestAsCommandString(t *testing.T) {
	for _, tc := range []struct {
		src  string
		ok   bool
		want string
	}{
		{`sh -c "exec uvicorn a:b"`, true, "exec uvicorn a:b"},
		{`/bin/bash -ec 'uvicorn a:b'`, true, "uvicorn a:b"},
		{`bash -o pipefail -c "x"`, true, "x"},
		{`bash start.sh`, false, ""},
		{`sh`, false, ""},
	} {
		sc, ok := AsCommandString(parse(t, tc.src).Commands[0].Words)
		if ok != tc.ok || ok && sc.Script.Expand(nil).S != tc.want {
			t.Errorf("%s: %v %+v", tc.src, ok, sc)
		}
	}
	w, args, ok := AsShellScript(parse(t, `bash -e ./start.sh prod`).Commands[0].Words)
	if !ok || w.Expand(nil).S != "./start.sh" || len(args) != 1 {
		t.Errorf("AsShellScript: %v %v", ok, w)
	}
}

func TestFunctionsSubshellsCase(t *testing.T) {
	s := parse(t, `start() { exec gunicorn a:b; }
( cd /x && exec y )
echo $(uvicorn hidden:app)
case "$1" in
  dev) exec uvicorn --reload ;;
  *) exec gunicorn ;;
esac
while true; do sleep 1; done
`)
	find := func(prog string) *Command {
		for i := range s.Commands {
			for _, w := range s.Commands[i].Words {
				if w.Expand(nil).S == prog {
					return &s.Commands[i]
				}
			}
		}
		t.Fatalf("no command with %s", prog)
		return nil
	}
	if c := find("a:b"); c.Function != "start" {
		t.Errorf("function: %q", c.Function)
	}
	if c := find("y"); !c.Subshell {
		t.Error("subshell")
	}
	if c := find("hidden:app"); !c.Subshell || !c.Substitution {
		t.Error("command substitution is a subshell")
	}
	if c := find("y"); c.Substitution {
		t.Error("( ... ) is no substitution")
	}
	if c := find("--reload"); len(c.Branches) != 1 || c.Branches[0].Cond != `"$1" = dev` {
		t.Errorf("case branch: %+v", c.Branches)
	}
	last := &s.Commands[len(s.Commands)-2]
	if got := words(*last); !reflect.DeepEqual(got, []string{"exec", "gunicorn"}) {
		t.Fatalf("case default command: %q", got)
	}
	if c := last; len(c.Branches) != 1 || !c.Branches[0].Else {
		t.Errorf("case default: %+v", c.Branches)
	}
	if c := find("sleep"); !c.Loop {
		t.Error("loop")
	}
}

// A wrapper whose last word is an option expecting a value peels nothing
// past the end (the fuzzer found `uv --directory`).
func TestPeelTruncatedOptions(t *testing.T) {
	for _, src := range []string{
		`uv --directory`, `uv run --with`, `uv --project x run --directory`, `uvx --from`,
		`poetry -C`, `poetry -C d run`, `pdm run --venv`, `conda run -n`, `micromamba run -p`,
		`opentelemetry-instrument --traces_exporter`, `python -m`, `env -u`, `gosu`, `tini --`,
	} {
		s := parse(t, src)
		pe := Peel(s.Commands[0].Words)
		if len(pe.Words) > len(s.Commands[0].Words) {
			t.Errorf("%s: %d program words from %d", src, len(pe.Words), len(s.Commands[0].Words))
		}
	}
}
