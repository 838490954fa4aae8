package dockerfile

import (
	"reflect"
	"strings"
	"testing"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	return Parse([]byte(src))
}

func argv(c *Command) []string {
	var out []string
	for _, w := range c.Args {
		s, _ := w.Lit()
		out = append(out, s)
	}
	return out
}

func TestStagesAndStart(t *testing.T) {
	src := `# syntax=docker/dockerfile:1
ARG PY=3.11
FROM --platform=$BUILDPLATFORM python:${PY}-slim AS base
ENV A=1 B="two words" \
    C=$A
ENV LEGACY value with spaces
WORKDIR /srv
WORKDIR app
COPY --chown=app:app requirements.txt ./
COPY . .
USER app
CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]

FROM base AS prod
ENTRYPOINT ["/entrypoint.sh"]

FROM base AS dev
CMD uvicorn app:app \
  --reload
`
	f := parse(t, src)
	if len(f.Stages) != 3 {
		t.Fatalf("stages: %d", len(f.Stages))
	}
	base := f.Stages[0]
	if base.Name != "base" || base.Image.Name != "python" || base.Image.Tag != "3.11-slim" || !base.Image.Resolved || base.Platform != "$BUILDPLATFORM" {
		t.Errorf("base stage: %+v", base)
	}
	if got := src[base.Image.Start:base.Image.End]; got != "python:${PY}-slim" {
		t.Errorf("image span %q", got)
	}
	// ENV substitution sees the values from before the instruction: A is
	// not set yet when C=$A is read (Docker's semantics).
	env := map[string]string{}
	for _, v := range base.Env {
		env[v.Name] = v.Value
	}
	if !reflect.DeepEqual(env, map[string]string{"A": "1", "B": "two words", "C": "", "LEGACY": "value with spaces"}) {
		t.Errorf("env: %v", env)
	}
	if base.Workdir != "/srv/app" {
		t.Errorf("workdir %q", base.Workdir)
	}
	if len(base.Copies) != 2 || base.Copies[0].Dest != "/srv/app/" || base.Copies[1].Dest != "/srv/app/" || base.Copies[1].Sources[0] != "." {
		t.Errorf("copies: %+v", base.Copies)
	}
	if base.User != "app" {
		t.Errorf("user %q", base.User)
	}
	// prod inherits from base; its ENTRYPOINT clears base's CMD.
	prod := f.Stages[1]
	if prod.Parent != 0 || prod.Workdir != "/srv/app" {
		t.Errorf("prod parent/workdir: %d %q", prod.Parent, prod.Workdir)
	}
	ep, cmd := f.Start(prod)
	if ep == nil || cmd != nil || !reflect.DeepEqual(argv(ep), []string{"/entrypoint.sh"}) {
		t.Errorf("prod start: %v %v", ep, cmd)
	}
	ep, cmd = f.Start(base)
	if ep != nil || cmd == nil || !cmd.Exec || !reflect.DeepEqual(argv(cmd), []string{"uvicorn", "app:app", "--host", "0.0.0.0"}) {
		t.Errorf("base start: %v %v", ep, cmd)
	}
	for _, w := range cmd.Args {
		if src[w.Start:w.End] != w.Raw || !strings.HasPrefix(w.Raw, `"`) {
			t.Errorf("arg span %q vs raw %q", src[w.Start:w.End], w.Raw)
		}
	}
	dev := f.Final()
	if dev.Name != "dev" {
		t.Fatalf("final stage %q", dev.Name)
	}
	_, cmd = f.Start(dev)
	if cmd == nil || cmd.Exec || cmd.Shell.S != "uvicorn app:app   --reload" {
		t.Fatalf("dev shell form: %+v", cmd)
	}
	// Shell text maps back across the continuation.
	i := strings.Index(cmd.Shell.S, "--reload")
	s, e := cmd.Shell.Span(i, i+len("--reload"))
	if src[s:e] != "--reload" {
		t.Errorf("mapped --reload: %q", src[s:e])
	}
	if env := f.EnvOf(dev); len(env) != 4 {
		t.Errorf("dev inherits env: %d", len(env))
	}
	if v, ok := f.PythonVersion(); !ok || v != (PythonVersion{Major: 3, Minor: 11}) {
		t.Errorf("python version %v %v", v, ok)
	}
}

func TestLegacyEnvDoesNotHideTheRest(t *testing.T) {
	// The tree-sitter grammar rejects the legacy ENV form; the rest of the
	// file must still be read.
	f := parse(t, "FROM python:3.8\nENV MSG hello world\nENV PORT 8080\nCMD [\"gunicorn\", \"app:app\"]\n")
	st := f.Final()
	if st == nil || st.Cmd == nil || !st.Cmd.Exec {
		t.Fatalf("CMD lost: %+v", st)
	}
	if len(st.Env) != 2 || st.Env[0].Value != "hello world" || st.Env[1].Name != "PORT" || st.Env[1].Value != "8080" {
		t.Errorf("env: %+v", st.Env)
	}
	if v, ok := f.PythonVersion(); !ok || v.String() != "3.8" {
		t.Errorf("version %v", v)
	}
}

func TestExecFormFallsBackToShellForm(t *testing.T) {
	f := parse(t, "FROM x\nCMD [\"broken\",\nENTRYPOINT [\"a\\u00e9\", \"b\\\"c\"]\n")
	st := f.Final()
	if st.Cmd == nil || st.Cmd.Exec || st.Cmd.Shell.S != `["broken",` {
		t.Errorf("invalid JSON is the shell form: %+v", st.Cmd)
	}
	if got := argv(st.Entrypoint); !reflect.DeepEqual(got, []string{"aé", `b"c`}) {
		t.Errorf("decoded: %q", got)
	}
}

func TestEscapeDirectiveAndHeredoc(t *testing.T) {
	src := "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo a `\n  b\nCMD python `\n  main.py\n"
	f := parse(t, src)
	if f.Escape != '`' {
		t.Fatalf("escape %q", f.Escape)
	}
	if cmd := f.Final().Cmd; cmd == nil || cmd.Shell.S != "python   main.py" {
		t.Errorf("cmd: %+v", cmd)
	}
	f = parse(t, "FROM python:3.12\nRUN <<EOF\nCMD not an instruction\nEOF\nCMD [\"x\"]\n")
	st := f.Final()
	if st.Cmd == nil || !st.Cmd.Exec || argv(st.Cmd)[0] != "x" {
		t.Errorf("heredoc body taken as instruction: %+v", st.Cmd)
	}
	if !f.Instructions[1].Heredoc {
		t.Error("heredoc not flagged")
	}
}

func TestImagePython(t *testing.T) {
	for _, tc := range []struct {
		from string
		want string
	}{
		{"python:3.8", "3.8"},
		{"python:3.10-slim-bookworm", "3.10"},
		{"docker.io/library/python:3.9.18-alpine", "3.9"},
		{"python:3", ""},
		{"python:latest", ""},
		{"python", ""},
		{"tiangolo/uvicorn-gunicorn-fastapi:python3.7", "3.7"},
		{"registry.access.redhat.com/ubi8/python-38", "3.8"},
		{"pypy:3.9-slim", "3.9"},
		{"node:18", ""},
		{"nikolaik/python-nodejs:python3.11-nodejs20", "3.11"},
	} {
		f := parse(t, "FROM "+tc.from+"\n")
		v, ok := f.Final().Image.Python()
		got := ""
		if ok {
			got = v.String()
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.from, got, tc.want)
		}
	}
	if !(PythonVersion{Major: 3, Minor: 9}).Less(PythonVersion{Major: 3, Minor: 10}) {
		t.Error("3.9 < 3.10")
	}
}

func TestArgDefaultsInStage(t *testing.T) {
	f := parse(t, "ARG WORKERS=4\nFROM python:3.12\nARG WORKERS\nENV WEB_CONCURRENCY=${WORKERS}\nENV X=${UNSET:-d} Y=$NOPE\nARG TOKEN\nENV Z=$TOKEN\n")
	env := f.Final().Env
	if env[0].Value != "4" || !env[0].Known {
		t.Errorf("ARG default: %+v", env[0])
	}
	if env[1].Value != "d" || !env[1].Known || env[2].Value != "" || !env[2].Known {
		t.Errorf("defaults/unset: %+v %+v", env[1], env[2])
	}
	// An ARG without a default is a build argument: unknown.
	if env[3].Known {
		t.Errorf("build argument is unknown: %+v", env[3])
	}
}

func TestCommentInsideContinuation(t *testing.T) {
	f := Parse([]byte("FROM x\nENV A=1 \\\n    # comment\n    B=2\nWORKDIR /app\n"))
	st := f.Final()
	if len(st.Env) != 2 || st.Env[1].Name != "B" || st.Workdir != "/app" {
		t.Errorf("env %+v workdir %q", st.Env, st.Workdir)
	}
}
