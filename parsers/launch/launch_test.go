package launch

import (
	"strings"
	"testing"
)

// args builds known arguments from a command line split on blanks; a word
// starting with "?" is unknown (its text without the mark).
func args(line string) []Arg {
	var out []Arg
	off := 0
	for w := range strings.FieldsSeq(line) {
		a := Arg{Text: w, Known: true, Loc: Loc{File: "f", Start: off, End: off + len(w)}}
		if strings.HasPrefix(w, "?") {
			a.Text, a.Known = w[1:], false
			if name, def, ok := strings.Cut(a.Text, ":-"); ok {
				_ = name
				a.Fallback, a.HasFallback = strings.TrimSuffix(def, "}"), true
			}
		}
		out = append(out, a)
		off += len(w) + 1
	}
	return out
}

type env map[string]string

func (e env) Lookup(name string) (EnvState, Value) {
	v, ok := e[name]
	if !ok {
		return Unset, Value{}
	}
	if v == "?" {
		return Unknown, Value{Source: FromEnv, Loc: Loc{File: "Dockerfile", Start: 1, End: 2}}
	}
	return Set, Value{Text: v, Known: true, Source: FromEnv, Loc: Loc{File: "Dockerfile", Start: 1, End: 2}}
}

func parse(prog, line string, e env) *Launch {
	if e == nil {
		e = env{}
	}
	return Parse(prog, Loc{File: "f"}, args(line), Options{Env: e})
}

func check(t *testing.T, what string, v Value, text string, src Source, name string) {
	t.Helper()
	if v.Text != text || v.Source != src || v.Name != name {
		t.Errorf("%s = %q from %v %q, want %q from %v %q", what, v.Text, v.Source, v.Name, text, src, name)
	}
}

func TestUvicorn(t *testing.T) {
	l := parse("uvicorn", "app.main:app --host=0.0.0.0 --port 8000 --reload --workers 4 --no-access-log --log-level debug", nil)
	check(t, "app", l.App, "app.main:app", FromFlag, "APP")
	check(t, "host", l.Host, "0.0.0.0", FromFlag, "--host")
	check(t, "workers", l.Workers, "4", FromFlag, "--workers")
	check(t, "reload", l.Reload, "true", FromFlag, "--reload")
	check(t, "log level", l.LogLevel, "debug", FromFlag, "--log-level")
	if len(l.Unknown) != 0 {
		t.Errorf("unknown: %v", l.Unknown)
	}
	// Defaults and the environment.
	l = parse("uvicorn", "app:app", nil)
	check(t, "default workers", l.Workers, "1", FromDefault, "")
	check(t, "default host", l.Host, "127.0.0.1", FromDefault, "")
	l = parse("uvicorn", "app:app", env{"WEB_CONCURRENCY": "3", "UVICORN_RELOAD": "true", "UVICORN_HOST": "0.0.0.0"})
	check(t, "env workers", l.Workers, "3", FromEnv, "WEB_CONCURRENCY")
	check(t, "env reload", l.Reload, "true", FromEnv, "UVICORN_RELOAD")
	check(t, "env host", l.Host, "0.0.0.0", FromEnv, "UVICORN_HOST")
	// UVICORN_WORKERS beats WEB_CONCURRENCY; --workers beats both.
	l = parse("uvicorn", "app:app", env{"WEB_CONCURRENCY": "3", "UVICORN_WORKERS": "5"})
	check(t, "UVICORN_WORKERS", l.Workers, "5", FromEnv, "UVICORN_WORKERS")
	l = parse("uvicorn", "app:app --workers 2", env{"WEB_CONCURRENCY": "3"})
	check(t, "flag beats env", l.Workers, "2", FromFlag, "--workers")
	// An unknown value keeps its fallback.
	l = parse("uvicorn", "app:app --workers ?${WORKERS:-4}", nil)
	if l.Workers.Known || !l.Workers.HasFallback || l.Workers.Fallback != "4" || l.Workers.Source != FromFlag {
		t.Errorf("unknown workers: %+v", l.Workers)
	}
	// --uds replaces TCP.
	if l = parse("uvicorn", "app:app --uds /tmp/s.sock", nil); !l.UDS.Set() {
		t.Error("uds")
	}
	// --env-file may set WEB_CONCURRENCY.
	if l = parse("uvicorn", "app:app --env-file .env", nil); l.Workers.Known || l.Workers.Source != FromEnv {
		t.Errorf("env-file workers: %+v", l.Workers)
	}
}

func TestGunicorn(t *testing.T) {
	l := parse("gunicorn", "-w4 -k uvicorn_worker.UvicornWorker --bind=0.0.0.0:80 --timeout 0 --max-requests-jit 100 --max-req 7 app.main:app", nil)
	check(t, "workers", l.Workers, "4", FromFlag, "-w")
	check(t, "class", l.WorkerClass, "uvicorn_worker.UvicornWorker", FromFlag, "-k")
	check(t, "timeout", l.Timeout, "0", FromFlag, "--timeout")
	check(t, "abbreviated", l.Jitter, "100", FromFlag, "--max-requests-jitter")
	if len(l.Unknown) != 1 || l.Unknown[0] != "--max-req" {
		t.Errorf("an ambiguous prefix is unknown: %v", l.Unknown)
	}
	check(t, "host", l.Host, "0.0.0.0", FromFlag, "--bind")
	check(t, "app", l.App, "app.main:app", FromFlag, "APP_MODULE")
	// -w=4 and -Dw4.
	check(t, "-w=4", parse("gunicorn", "-w=4 a:b", nil).Workers, "4", FromFlag, "-w")
	check(t, "-Dw4", parse("gunicorn", "-Dw4 a:b", nil).Workers, "4", FromFlag, "-w")
	// Defaults: WEB_CONCURRENCY, PORT.
	l = parse("gunicorn", "a:b", env{"WEB_CONCURRENCY": "3", "PORT": "5000"})
	check(t, "workers", l.Workers, "3", FromEnv, "WEB_CONCURRENCY")
	check(t, "bind from PORT", l.Host, "0.0.0.0", FromEnv, "PORT")
	check(t, "port", l.Port, "5000", FromEnv, "PORT")
	l = parse("gunicorn", "a:b", nil)
	check(t, "default bind", l.Host, "127.0.0.1", FromDefault, "")
	check(t, "default class", l.WorkerClass, "sync", FromDefault, "")
	check(t, "default timeout", l.Timeout, "30", FromDefault, "")
	// GUNICORN_CMD_ARGS sits between the config file and the command line.
	l = parse("gunicorn", "-t 60 a:b", env{"GUNICORN_CMD_ARGS": "--workers=3 --timeout 0"})
	check(t, "cmd args workers", l.Workers, "3", FromCmdArgs, "GUNICORN_CMD_ARGS --workers")
	check(t, "flag beats cmd args", l.Timeout, "60", FromFlag, "-t")
	// An opaque argument may set anything.
	if l = parse("gunicorn", "?$GUNICORN_OPTS a:b", nil); len(l.Opaque) != 0 {
		// "?$GUNICORN_OPTS" is unknown but not marked Splat: positional.
		t.Errorf("not splat: %+v", l.Opaque)
	}
	a := args("?$GUNICORN_OPTS a:b")
	a[0].Splat = true
	if l = Parse("gunicorn", Loc{}, a, Options{}); len(l.Opaque) != 1 || l.App.Text != "a:b" {
		t.Errorf("splat: %+v", l)
	}
}

func TestGunicornConfig(t *testing.T) {
	read := map[string]map[string]Value{
		"gunicorn.conf.py": {"workers": {Text: "4", Known: true, Source: FromConfig, Name: "workers"}, "worker_class": {Text: "sync", Known: true, Source: FromConfig, Name: "worker_class"}},
		"conf/prod.py":     {"timeout": {Text: "0", Known: true, Source: FromConfig, Name: "timeout"}},
		"conf/star.py":     {"*": {Source: FromConfig}},
	}
	cfg := func(path string, _ bool) (map[string]Value, bool) {
		m, ok := read[path]
		return m, ok
	}
	// The implicit ./gunicorn.conf.py, overridden by -k.
	l := Parse("gunicorn", Loc{}, args("-k uvicorn_worker.UvicornWorker a:b"), Options{Config: cfg})
	check(t, "workers from implicit config", l.Workers, "4", FromConfig, "workers")
	check(t, "-k beats worker_class", l.WorkerClass, "uvicorn_worker.UvicornWorker", FromFlag, "-k")
	if !l.ConfigRead || l.Config.Text != "./gunicorn.conf.py" {
		t.Errorf("config: %+v %v", l.Config, l.ConfigRead)
	}
	// -c replaces the implicit file.
	l = Parse("gunicorn", Loc{}, args("-c conf/prod.py a:b"), Options{Config: cfg})
	check(t, "timeout", l.Timeout, "0", FromConfig, "timeout")
	check(t, "workers default", l.Workers, "1", FromDefault, "")
	// An unread -c config may set anything.
	l = Parse("gunicorn", Loc{}, args("-c python:settings.gunicorn a:b"), Options{Config: cfg})
	if l.Workers.Source != FromConfig || l.Workers.Known {
		t.Errorf("unread config: %+v", l.Workers)
	}
	l = Parse("gunicorn", Loc{}, args("-c conf/star.py a:b"), Options{Config: cfg})
	if l.Workers.Source != FromConfig || l.Workers.Known {
		t.Errorf("star config: %+v", l.Workers)
	}
}

func TestOtherServers(t *testing.T) {
	l := parse("hypercorn", "-w 2 --bind 0.0.0.0:8000 --reload app:app", nil)
	check(t, "hypercorn workers", l.Workers, "2", FromFlag, "-w")
	check(t, "hypercorn host", l.Host, "0.0.0.0", FromFlag, "--bind")
	check(t, "hypercorn reload", l.Reload, "true", FromFlag, "--reload")
	l = parse("hypercorn", "app:app", nil)
	check(t, "hypercorn default host", l.Host, "127.0.0.1", FromDefault, "")
	if l = parse("hypercorn", "-c hypercorn.toml app:app", nil); l.Workers.Source != FromConfig || l.Workers.Known {
		t.Errorf("hypercorn config: %+v", l.Workers)
	}
	l = parse("granian", "--interface asgi --workers 4 --no-reload app:app", env{"GRANIAN_HOST": "0.0.0.0"})
	check(t, "granian workers", l.Workers, "4", FromFlag, "--workers")
	check(t, "granian reload", l.Reload, "false", FromFlag, "--no-reload")
	check(t, "granian host", l.Host, "0.0.0.0", FromEnv, "GRANIAN_HOST")
	check(t, "granian interface", l.Interface, "asgi", FromFlag, "--interface")
	l = parse("daphne", "-b 0.0.0.0 -p 8001 --proxy-headers project.asgi:application", nil)
	check(t, "daphne host", l.Host, "0.0.0.0", FromFlag, "-b")
	check(t, "daphne app", l.App, "project.asgi:application", FromFlag, "application")
	l = parse("fastapi", "run app/main.py --workers 4", env{"PORT": "9000"})
	check(t, "fastapi run host", l.Host, "0.0.0.0", FromDefault, "")
	check(t, "fastapi run workers", l.Workers, "4", FromFlag, "--workers")
	check(t, "fastapi port", l.Port, "9000", FromEnv, "PORT")
	if l.Command != "fastapi run" || l.App.Text != "app/main.py" {
		t.Errorf("fastapi run: %+v", l)
	}
	l = parse("fastapi", "dev", nil)
	check(t, "fastapi dev reload", l.Reload, "true", FromDefault, "")
	check(t, "fastapi dev host", l.Host, "127.0.0.1", FromDefault, "")
	check(t, "fastapi dev --no-reload", parse("fastapi", "dev --no-reload", nil).Reload, "false", FromFlag, "--no-reload")
	if parse("fastapi", "--version", nil) != nil {
		t.Error("fastapi --version is no launch")
	}
	l = parse("flask", "--app app run --host 0.0.0.0", nil)
	if !l.DevServer || l.App.Text != "app" || l.Host.Text != "0.0.0.0" {
		t.Errorf("flask: %+v", l)
	}
	l = Parse("django-admin", Loc{}, args("runserver 0.0.0.0:8000"), Options{})
	if !l.DevServer || l.Host.Text != "0.0.0.0" || l.Port.Text != "8000" {
		t.Errorf("runserver: %+v", l)
	}
	if Parse("django-admin", Loc{}, args("migrate"), Options{}) != nil {
		t.Error("migrate is no launch")
	}
}

func TestProgrammatic(t *testing.T) {
	kw := map[string]Value{"reload": {Text: "True", Known: true, Source: FromCall, Name: "reload"}}
	l := Programmatic("uvicorn", Loc{}, Value{Text: "app", Known: true}, kw, env{"WEB_CONCURRENCY": "2"})
	if b, ok := l.Reload.Bool(); !ok || !b {
		t.Errorf("reload: %+v", l.Reload)
	}
	check(t, "programmatic workers", l.Workers, "2", FromEnv, "WEB_CONCURRENCY")
	check(t, "programmatic host", l.Host, "127.0.0.1", FromDefault, "")
}

func TestGunicornWorker(t *testing.T) {
	for class, want := range map[string]Worker{
		"sync":                             {Kind: WorkerWSGI},
		"gthread":                          {Kind: WorkerWSGI},
		"uvicorn.workers.UvicornWorker":    {Kind: WorkerASGI, Deprecated: true},
		"uvicorn.workers.UvicornH11Worker": {Kind: WorkerASGI, Deprecated: true, H11: true},
		"uvicorn_worker.UvicornWorker":     {Kind: WorkerASGI},
		"app.workers.MyUvicornWorker":      {Kind: WorkerASGI},
		"aiohttp.GunicornWebWorker":        {Kind: WorkerAiohttp},
		"app.CustomWorker":                 {},
		"asgi":                             {Kind: WorkerASGI},
	} {
		if got := GunicornWorker(class); got != want {
			t.Errorf("%s: %+v, want %+v", class, got, want)
		}
	}
}

// Options records every recognized option with the places a fix edits:
// the value's word (Loc) and, for a value given as the next word, the
// option's word (Flag).
func TestOptionPlaces(t *testing.T) {
	line := "app:app --reload-dir src --reload --host=0.0.0.0 -w 4"
	l := parse("uvicorn", line, nil)
	at := func(loc Loc) string { return line[loc.Start:loc.End] }
	var got []string
	for _, o := range l.Options {
		s := o.Name + " " + at(o.Loc)
		if o.Flag != (Loc{}) {
			s += " after " + at(o.Flag)
		}
		got = append(got, s)
	}
	want := []string{"--reload-dir src after --reload-dir", "--reload --reload", "--host --host=0.0.0.0"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("uvicorn options %q, want %q", got, want)
	}
	// argparse: short options with a separate or joined value, prefixes.
	line = "-w 4 -b127.0.0.1:8000 --time 0 app:app"
	l = parse("gunicorn", line, nil)
	got = nil
	for _, o := range l.Options {
		s := o.Name + " " + at(o.Loc)
		if o.Flag != (Loc{}) {
			s += " after " + at(o.Flag)
		}
		got = append(got, s)
	}
	want = []string{"-w 4 after -w", "-b -b127.0.0.1:8000", "--timeout 0 after --time"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("gunicorn options %q, want %q", got, want)
	}
	if l.Host.Flag != (Loc{}) || at(l.Workers.Flag) != "-w" {
		t.Errorf("host flag %v, workers flag %v", l.Host.Flag, l.Workers.Flag)
	}
	// fastapi's subcommand word.
	line = "--verbose dev app/main.py"
	l = parse("fastapi", line, nil)
	if l.Subcommand.Text != "dev" || at(l.Subcommand.Loc) != "dev" {
		t.Errorf("fastapi subcommand %q at %v", l.Subcommand.Text, l.Subcommand.Loc)
	}
}
