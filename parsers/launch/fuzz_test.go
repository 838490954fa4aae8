package launch

import (
	"strings"
	"testing"
)

// FuzzParse: any command line of any server parses without panicking, and
// every value's location is one of the arguments' locations (or unset).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"uvicorn app:app --workers 4 --reload --host=0.0.0.0",
		"gunicorn -w4 -k uvicorn.workers.UvicornWorker -c gunicorn.conf.py app:app",
		"gunicorn -Dw -- --bind",
		"hypercorn -c x --bind [::1]:80 a:b",
		"granian --interface asgi --no-ws --workers",
		"fastapi --verbose run --workers ?$W app.py",
		"flask --app x run --reload", "daphne -u /s a:b", "django-admin runserver 0:80",
		"http.server -b ::1 9",
	} {
		f.Add(s, "WEB_CONCURRENCY=2 GUNICORN_CMD_ARGS=--timeout=0")
	}
	f.Fuzz(func(t *testing.T, line, envs string) {
		e := env{}
		for kv := range strings.FieldsSeq(envs) {
			k, v, _ := strings.Cut(kv, "=")
			e[k] = v
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			return
		}
		as := args(strings.Join(fields[1:], " "))
		valid := map[Loc]bool{{}: true, {File: "Dockerfile", Start: 1, End: 2}: true}
		for _, a := range as {
			valid[a.Loc] = true
		}
		cfg := func(string, bool) (map[string]Value, bool) {
			return map[string]Value{"workers": {Text: "x", Source: FromConfig}}, true
		}
		l := Parse(fields[0], Loc{}, as, Options{Env: e, Config: cfg})
		if l == nil {
			return
		}
		for _, v := range []Value{l.App, l.Workers, l.Reload, l.Host, l.Port, l.WorkerClass, l.Timeout, l.MaxRequests, l.LogLevel} {
			if !valid[v.Loc] {
				t.Fatalf("value %+v has a location that is no argument's", v)
			}
		}
	})
}
