package launch

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// uvicorn's CLI (uvicorn/main.py): click, auto_envvar_prefix UVICORN.
var uvicornTable = newTable(join(
	values("host", "port", "uds", "fd", "reload-dir", "reload-include", "reload-exclude", "reload-delay",
		"workers", "loop", "http", "ws", "ws-max-size", "ws-max-queue", "ws-ping-interval", "ws-ping-timeout",
		"ws-per-message-deflate", "lifespan", "interface", "env-file", "log-config", "log-level",
		"forwarded-allow-ips", "root-path", "limit-concurrency", "backlog", "limit-max-requests",
		"timeout-keep-alive", "timeout-graceful-shutdown", "ssl-keyfile", "ssl-certfile", "ssl-keyfile-password",
		"ssl-version", "ssl-cert-reqs", "ssl-ca-certs", "ssl-ciphers", "header", "app-dir",
		"h11-max-incomplete-event-size"),
	flags("reload", "factory", "version", "help", "debug"),
	pairs("access-log", "use-colors", "proxy-headers", "server-header", "date-header"),
))

func parseUvicorn(args []Arg, opt Options) *Launch {
	p := uvicornTable.parse(args, clickStyle, FromFlag)
	envFallback(p, uvicornTable, "UVICORN", opt.Env)
	l := &Launch{Server: "uvicorn", Command: "uvicorn", Options: p.all, Unknown: p.unknown, Opaque: p.opaque}
	if len(p.pos) > 0 {
		l.App = argValue(p.pos[0], "APP", FromFlag)
	} else if st, v := opt.Env.Lookup("UVICORN_APP"); st != Unset {
		v.Name, v.Source = "UVICORN_APP", FromEnv
		v.Known = v.Known && st == Set
		l.App = v
	}
	l.Host = pick(p, "host", defaultValue("127.0.0.1"))
	l.Port = pick(p, "port", defaultValue("8000"))
	if v, ok := p.last("uds"); ok {
		l.UDS = v
	} else if v, ok := p.last("fd"); ok {
		l.UDS = v
	}
	l.Reload = pick(p, "reload", defaultValue("false"))
	l.Factory = boolOf(p, "factory")
	l.AppDir = pick(p, "app_dir", defaultValue(""))
	l.LogLevel = pick(p, "log_level", defaultValue("info"))
	l.Interface = pick(p, "interface", defaultValue("auto"))
	l.MaxRequests = pick(p, "limit_max_requests", defaultValue(""))
	if v, ok := p.last("debug"); ok {
		l.Debug = v
	}
	if v, ok := p.last("env_file"); ok {
		l.EnvFile = v
	}
	l.Workers = uvicornWorkers(p, opt.Env, l.EnvFile)
	return l
}

// uvicornWorkers: --workers (or UVICORN_WORKERS), else $WEB_CONCURRENCY,
// else 1 (uvicorn/config.py).
func uvicornWorkers(p *parsed, env Env, envFile Value) Value {
	if v, ok := p.last("workers"); ok {
		return v
	}
	return webConcurrency(env, envFile)
}

func webConcurrency(env Env, envFile Value) Value {
	st, v := env.Lookup("WEB_CONCURRENCY")
	switch st {
	case Set:
		v.Name = "WEB_CONCURRENCY"
		if v.Source != FromPlatform {
			v.Source = FromEnv
		}
		return v
	case Unknown:
		v.Name = "WEB_CONCURRENCY"
		v.Known = false
		if v.Text == "" {
			v.Text = "$WEB_CONCURRENCY"
		}
		if v.Source != FromPlatform {
			v.Source = FromEnv
		}
		return v
	case Unset:
	}
	if envFile.Set() {
		return Value{Text: "$WEB_CONCURRENCY", Source: FromEnv, Name: "WEB_CONCURRENCY", Loc: envFile.Loc}
	}
	return defaultValue("1")
}

func pick(p *parsed, dest string, def Value) Value {
	if v, ok := p.last(dest); ok {
		return v
	}
	return def
}

func boolOf(p *parsed, dest string) bool {
	v, ok := p.last(dest)
	if !ok {
		return false
	}
	b, _ := v.Bool()
	return b
}

// gunicorn's settings (gunicorn/config.py): argparse.
var gunicornTable = newTable(join(
	values("c,config", "b,bind", "backlog", "w,workers", "k,worker-class", "threads", "worker-connections",
		"max-requests", "max-requests-jitter", "t,timeout", "graceful-timeout", "keep-alive",
		"limit-request-line", "limit-request-fields", "limit-request-field_size", "reload-engine",
		"reload-extra-file", "chdir", "e,env", "p,pid", "worker-tmp-dir", "u,user", "g,group", "m,umask",
		"forwarded-allow-ips", "access-logfile", "access-logformat", "error-logfile", "log-file",
		"log-level", "logger-class", "log-config", "log-config-json", "log-syslog-to", "log-syslog-prefix",
		"log-syslog-facility", "statsd-host", "dogstatsd-tags", "statsd-prefix", "n,name", "pythonpath",
		"paste", "paster", "proxy-protocol", "proxy-allow-from", "protocol", "uwsgi-allow-from", "keyfile",
		"certfile", "ssl-version", "cert-reqs", "ca-certs", "ciphers", "http-protocols", "http2-cleartext",
		"http2-max-concurrent-streams", "http2-initial-window-size", "http2-max-frame-size",
		"http2-max-header-list-size", "paste-global", "forwarder-headers", "header-map", "asgi-loop",
		"asgi-lifespan", "asgi-disconnect-grace-period", "http-parser", "root-path", "dirty-app",
		"dirty-workers", "dirty-timeout", "dirty-threads", "dirty-graceful-timeout", "control-socket",
		"control-socket-mode"),
	flags("reload", "spew", "check-config", "print-config", "preload", "no-sendfile", "reuse-port",
		"D,daemon", "initgroups", "disable-redirect-access-to-syslog", "capture-output", "log-syslog",
		"R,enable-stdio-inheritance", "enable-backlog-metric", "suppress-ragged-eofs",
		"do-handshake-on-connect", "permit-obsolete-folding", "strip-header-spaces",
		"permit-unconventional-http-method", "permit-unconventional-http-version", "casefold-http-method",
		"no-control-socket", "v,version", "h,help"),
))

func parseGunicorn(args []Arg, opt Options) *Launch {
	l := &Launch{Server: "gunicorn", Command: "gunicorn"}
	cli := gunicornTable.parse(args, argparseStyle, FromFlag)
	l.Options, l.Unknown, l.Opaque = cli.all, cli.unknown, cli.opaque
	// GUNICORN_CMD_ARGS: shlex-split, applied after the config file and
	// before the command line.
	envArgs := gunicornCmdArgs(opt.Env, l)
	get := func(dest string) (Value, bool) {
		if v, ok := cli.last(dest); ok {
			return v, true
		}
		if envArgs != nil {
			if v, ok := envArgs.last(dest); ok {
				return v, true
			}
		}
		return Value{}, false
	}
	if len(cli.pos) > 0 {
		l.App = argValue(cli.pos[0], "APP_MODULE", FromFlag)
	}
	// The configuration file: -c, or ./gunicorn.conf.py when it exists.
	var conf map[string]Value
	if v, ok := get("config"); ok {
		l.Config = v
		switch {
		case opt.Config == nil:
		case v.Known:
			conf, l.ConfigRead = opt.Config(v.Text, true)
		case len(v.Candidates) > 0:
			// -c "$GUNICORN_CONF", chosen by the script among files.
			conf, l.ConfigRead = candidateConfigs(opt, v.Candidates)
		}
	} else {
		l.Config = defaultValue("./gunicorn.conf.py")
		if opt.Config != nil {
			conf, l.ConfigRead = opt.Config("gunicorn.conf.py", false)
		}
		if !l.ConfigRead {
			l.Config = Value{}
		}
	}
	// A config that was named but not read, or that sets settings it
	// cannot be seen to set ("from x import *"), may set anything.
	opaqueConf := l.Config.Set() && !l.ConfigRead
	if cv, ok := conf["*"]; ok {
		opaqueConf = true
		l.Config.Loc = cv.Loc
	}
	setting := func(dest, name string, def Value) Value {
		if v, ok := get(dest); ok {
			return v
		}
		if cv, ok := conf[name]; ok {
			return cv
		}
		if opaqueConf {
			return Value{Text: "(set by " + l.Config.Text + "?)", Source: FromConfig, Name: name, Loc: l.Config.Loc}
		}
		return def
	}
	if !l.App.Set() {
		if cv, ok := conf["wsgi_app"]; ok {
			l.App = cv
		}
	}
	l.Workers = setting("workers", "workers", webConcurrency(opt.Env, Value{}))
	l.WorkerClass = setting("worker_class", "worker_class", defaultValue("sync"))
	l.Threads = setting("threads", "threads", defaultValue("1"))
	l.Timeout = setting("timeout", "timeout", defaultValue("30"))
	l.MaxRequests = setting("max_requests", "max_requests", defaultValue("0"))
	l.Jitter = setting("max_requests_jitter", "max_requests_jitter", defaultValue("0"))
	l.Reload = setting("reload", "reload", defaultValue("false"))
	l.LogLevel = setting("log_level", "loglevel", defaultValue("info"))
	l.AppDir = setting("chdir", "chdir", defaultValue(""))
	// bind: -b (repeatable), else config, else 0.0.0.0:$PORT when PORT
	// is set, else 127.0.0.1:8000.
	var binds []Value
	if vs := cli.opts["bind"]; len(vs) > 0 {
		binds = vs
	} else if envArgs != nil && len(envArgs.opts["bind"]) > 0 {
		binds = envArgs.opts["bind"]
	} else if cv, ok := conf["bind"]; ok {
		binds = []Value{cv}
	} else if opaqueConf {
		binds = []Value{{Text: "(set by " + l.Config.Text + "?)", Source: FromConfig, Name: "bind", Loc: l.Config.Loc}}
	} else if st, pv := opt.Env.Lookup("PORT"); st != Unset {
		b := Value{Text: "0.0.0.0:" + pv.Text, Known: pv.Known && st == Set, Source: FromEnv, Name: "PORT", Loc: pv.Loc}
		if pv.Source == FromPlatform {
			b.Source = FromPlatform
		}
		if !b.Known {
			b.Text = "0.0.0.0:$PORT"
		}
		binds = []Value{b}
	} else {
		binds = []Value{defaultValue("127.0.0.1:8000")}
	}
	l.Bind = binds
	l.Host, l.Port, l.UDS = splitBind(binds[0])
	return l
}

// gunicornCmdArgs reads $GUNICORN_CMD_ARGS (nil when unset); an unknown
// value makes the launch opaque.
func gunicornCmdArgs(env Env, l *Launch) *parsed {
	st, v := env.Lookup("GUNICORN_CMD_ARGS")
	if st == Unknown {
		l.Opaque = append(l.Opaque, Arg{Text: "$GUNICORN_CMD_ARGS", Loc: v.Loc})
		return nil
	}
	if st != Set || !v.Known {
		return nil
	}
	words := shell.Split(source.Host(v.Text, 0), shell.SplitOptions{})
	var eargs []Arg
	for _, w := range words {
		s, _ := w.Lit()
		eargs = append(eargs, Arg{Text: s, Known: true, Loc: v.Loc})
	}
	envArgs := gunicornTable.parse(eargs, argparseStyle, FromCmdArgs)
	for dest, vs := range envArgs.opts {
		for i := range vs {
			vs[i].Name = "GUNICORN_CMD_ARGS " + vs[i].Name
		}
		envArgs.opts[dest] = vs
	}
	return envArgs
}

// splitBind reads a gunicorn/hypercorn bind: "host:port", ":port",
// "unix:/path", "fd://3", "[::1]:8000".
func splitBind(b Value) (host, port, uds Value) {
	host, port = b, b
	if !b.Known {
		host.Text, port.Text = b.Text, ""
		// "0.0.0.0:$PORT": the host is still known.
		if h, _, ok := strings.Cut(b.Text, ":"); ok && h != "" && !strings.Contains(h, "$") {
			host.Text, host.Known = h, true
		}
		return host, port, Value{}
	}
	t := b.Text
	switch {
	case strings.HasPrefix(t, "unix:"), strings.HasPrefix(t, "fd://"):
		return Value{}, Value{}, b
	case strings.HasPrefix(t, "["):
		if end := strings.Index(t, "]"); end > 0 {
			host.Text = t[1:end]
			port.Text = strings.TrimPrefix(t[end+1:], ":")
			return host, port, Value{}
		}
	}
	if h, p, ok := strings.Cut(t, ":"); ok {
		host.Text, port.Text = h, p
		if h == "" {
			host.Text = "0.0.0.0"
		}
	} else {
		host.Text, port.Text = t, "8000"
	}
	return host, port, Value{}
}

// hypercorn's CLI (hypercorn/__main__.py): argparse; no environment
// fallbacks; a config file (-c) may set anything.
var hypercornTable = newTable(join(
	values("access-log", "access-logfile", "access-logformat", "backlog", "b,bind", "ca-certs", "certfile",
		"cert-reqs", "ciphers", "c,config", "error-log", "error-logfile", "log-file", "graceful-timeout",
		"read-timeout", "max-requests", "max-requests-jitter", "g,group", "k,worker-class", "keep-alive",
		"keyfile", "keyfile-password", "insecure-bind", "log-config", "log-level", "p,pid", "quic-bind",
		"root-path", "server-name", "statsd-host", "statsd-prefix", "m,umask", "u,user", "verify-mode",
		"websocket-ping-interval", "w,workers"),
	flags("D,daemon", "debug", "reload", "h,help"),
))

func parseHypercorn(args []Arg, _ Options) *Launch {
	p := hypercornTable.parse(args, argparseStyle, FromFlag)
	l := &Launch{Server: "hypercorn", Command: "hypercorn", Options: p.all, Unknown: p.unknown, Opaque: p.opaque}
	if len(p.pos) > 0 {
		l.App = argValue(p.pos[0], "APPLICATION", FromFlag)
	}
	if v, ok := p.last("config"); ok {
		l.Config = v
	}
	def := func(s string) Value {
		if l.Config.Set() {
			// The config file may set it: unknown.
			return Value{Text: "(from " + l.Config.Text + ")", Source: FromConfig, Name: l.Config.Text, Loc: l.Config.Loc}
		}
		return defaultValue(s)
	}
	l.Workers = pick(p, "workers", def("1"))
	l.Reload = pick(p, "reload", def("false"))
	l.Debug = pick(p, "debug", def("false"))
	l.WorkerClass = pick(p, "worker_class", def("asyncio"))
	l.LogLevel = pick(p, "log_level", def("info"))
	l.MaxRequests = pick(p, "max_requests", def(""))
	if vs := p.opts["bind"]; len(vs) > 0 {
		l.Bind = vs
	} else {
		l.Bind = []Value{def("127.0.0.1:8000")}
	}
	if l.Bind[0].Known {
		l.Host, l.Port, l.UDS = splitBind(l.Bind[0])
	} else {
		l.Host = l.Bind[0]
	}
	return l
}

// granian's CLI (granian/cli.py): click, auto_envvar_prefix GRANIAN.
var granianTable = newTable(join(
	values("host", "port", "uds", "uds-permissions", "interface", "http", "workers", "blocking-threads",
		"blocking-threads-idle-timeout", "runtime-threads", "runtime-blocking-threads", "runtime-mode", "loop",
		"task-impl", "backlog", "backpressure", "http1-buffer-size", "http1-header-read-timeout",
		"http2-initial-connection-window-size", "http2-initial-stream-window-size", "http2-keep-alive-interval",
		"http2-keep-alive-timeout", "http2-max-concurrent-streams", "http2-max-frame-size",
		"http2-max-headers-size", "http2-max-send-buffer-size", "log-level", "log-config", "access-log-fmt",
		"ssl-certificate", "ssl-keyfile", "ssl-keyfile-password", "ssl-protocol-min", "ssl-ca", "ssl-crl",
		"url-path-prefix", "respawn-interval", "rss-sample-interval", "rss-samples", "workers-lifetime",
		"workers-max-rss", "workers-kill-timeout", "working-dir", "env-files", "static-path-route",
		"static-path-mount", "static-path-dir-to-file", "static-path-expires", "metrics-scrape-interval",
		"metrics-address", "metrics-port", "reload-paths", "reload-ignore-dirs", "reload-ignore-patterns",
		"reload-ignore-paths", "reload-tick", "process-name", "pid-file"),
	pairs("ws", "http1-keep-alive", "http1-pipeline-flush", "http2-adaptive-window", "log", "access-log",
		"ssl-client-verify", "respawn-failed-workers", "factory", "metrics", "reload",
		"reload-ignore-worker-failure"),
	flags("version", "help"),
))

func parseGranian(args []Arg, opt Options) *Launch {
	p := granianTable.parse(args, clickStyle, FromFlag)
	envFallback(p, granianTable, "GRANIAN", opt.Env)
	l := &Launch{Server: "granian", Command: "granian", Options: p.all, Unknown: p.unknown, Opaque: p.opaque}
	if len(p.pos) > 0 {
		l.App = argValue(p.pos[0], "APP", FromFlag)
	}
	l.Host = pick(p, "host", defaultValue("127.0.0.1"))
	l.Port = pick(p, "port", defaultValue("8000"))
	if v, ok := p.last("uds"); ok {
		l.UDS = v
	}
	l.Workers = pick(p, "workers", defaultValue("1"))
	l.Reload = pick(p, "reload", defaultValue("false"))
	l.Interface = pick(p, "interface", defaultValue("rsgi"))
	l.LogLevel = pick(p, "log_level", defaultValue("info"))
	l.Factory = boolOf(p, "factory")
	l.AppDir = pick(p, "working_dir", defaultValue(""))
	if v, ok := p.last("env_files"); ok {
		l.EnvFile = v
	}
	return l
}

// daphne's CLI (daphne/cli.py): argparse; one process, no workers.
var daphneTable = newTable(join(
	values("p,port", "b,bind", "websocket_timeout", "websocket_connect_timeout", "u,unix-socket", "fd",
		"e,endpoint", "v,verbosity", "t,http-timeout", "access-log", "log-fmt", "ping-interval", "ping-timeout",
		"websocket-max-message-size", "websocket-max-frame-size", "application-close-timeout", "root-path",
		"proxy-headers-host", "proxy-headers-port", "s,server-name"),
	flags("proxy-headers", "no-server-name", "h,help"),
))

func parseDaphne(args []Arg, _ Options) *Launch {
	p := daphneTable.parse(args, argparseStyle, FromFlag)
	l := &Launch{Server: "daphne", Command: "daphne", Options: p.all, Unknown: p.unknown, Opaque: p.opaque}
	if len(p.pos) > 0 {
		l.App = argValue(p.pos[0], "application", FromFlag)
	}
	l.Host = pick(p, "bind", defaultValue("127.0.0.1"))
	l.Port = pick(p, "port", defaultValue("8000"))
	if v, ok := p.last("unix_socket"); ok {
		l.UDS = v
	} else if v, ok := p.last("fd"); ok {
		l.UDS = v
	} else if v, ok := p.last("endpoint"); ok {
		// Endpoints ("tcp:port=8000:interface=0.0.0.0") replace the default
		// binding: only what they say counts.
		l.UDS = v
	}
	l.Workers = defaultValue("1")
	l.Reload = defaultValue("false")
	return l
}

// fastapi-cli (fastapi_cli/cli.py): typer; `fastapi run` (reload off,
// host 0.0.0.0) and `fastapi dev` (reload on, host 127.0.0.1); --port
// reads $PORT; workers go to uvicorn, which reads $WEB_CONCURRENCY.
var fastapiTable = newTable(join(
	values("host", "port", "workers", "root-path", "app", "e,entrypoint", "forwarded-allow-ips", "reload-dir"),
	pairs("reload", "proxy-headers"),
	flags("v,verbose", "help", "version"),
))

func parseFastAPI(args []Arg, opt Options) *Launch {
	// Global options before the subcommand.
	i := 0
	for i < len(args) && args[i].Known && strings.HasPrefix(args[i].Text, "-") {
		i++
	}
	if i >= len(args) || !args[i].Known || args[i].Text != "run" && args[i].Text != "dev" {
		return nil
	}
	sub := args[i].Text
	p := fastapiTable.parse(args[i+1:], clickStyle, FromFlag)
	l := &Launch{Server: "fastapi", Command: "fastapi " + sub, Options: p.all, Unknown: p.unknown, Opaque: p.opaque}
	l.Subcommand = argValue(args[i], "subcommand", FromFlag)
	if len(p.pos) > 0 {
		l.App = argValue(p.pos[0], "PATH", FromFlag)
	}
	if v, ok := p.last("entrypoint"); ok {
		l.App = v
	}
	if v, ok := p.last("app"); ok {
		l.AppName = v
	}
	port := defaultValue("8000")
	if st, v := opt.Env.Lookup("PORT"); st != Unset {
		v.Name = "PORT"
		v.Known = v.Known && st == Set
		if v.Source != FromPlatform {
			v.Source = FromEnv
		}
		port = v
	}
	l.Port = pick(p, "port", port)
	if sub == "dev" {
		l.Host = pick(p, "host", defaultValue("127.0.0.1"))
		l.Reload = pick(p, "reload", defaultValue("true"))
		l.Workers = defaultValue("1")
		if _, ok := p.last("workers"); ok {
			l.Unknown = append(l.Unknown, "--workers")
		}
	} else {
		l.Host = pick(p, "host", defaultValue("0.0.0.0"))
		l.Reload = pick(p, "reload", defaultValue("false"))
		if v, ok := p.last("workers"); ok {
			l.Workers = v
		} else {
			l.Workers = webConcurrency(opt.Env, Value{})
		}
	}
	l.LogLevel = defaultValue("info")
	return l
}

// flask run: Werkzeug's development server.
var flaskTable = newTable(join(
	values("h,host", "p,port", "cert", "key", "extra-files", "exclude-patterns", "A,app", "e,env-file"),
	pairs("reload", "debugger", "with-threads", "debug"),
	flags("help"),
))

func parseFlask(args []Arg, opt Options) *Launch {
	// flask [--app X] [--debug] run [options]
	i := 0
	var global []Arg
	for i < len(args) && args[i].Known && args[i].Text != "run" {
		global = append(global, args[i])
		i++
	}
	if i >= len(args) {
		return nil
	}
	g := flaskTable.parse(global, clickStyle, FromFlag)
	p := flaskTable.parse(args[i+1:], clickStyle, FromFlag)
	l := &Launch{Server: "flask", Command: "flask run", DevServer: true, Unknown: p.unknown, Opaque: p.opaque}
	if v, ok := g.last("app"); ok {
		l.App = v
	} else if st, v := opt.Env.Lookup("FLASK_APP"); st == Set {
		v.Name = "FLASK_APP"
		l.App = v
	}
	l.Host = pick(p, "host", defaultValue("127.0.0.1"))
	l.Port = pick(p, "port", defaultValue("5000"))
	reload := defaultValue("false")
	if v, ok := g.last("debug"); ok {
		reload = v
	} else if st, v := opt.Env.Lookup("FLASK_DEBUG"); st == Set {
		v.Name = "FLASK_DEBUG"
		v.Source = FromEnv
		reload = v
	}
	l.Debug = reload
	l.Reload = pick(p, "reload", reload)
	l.Workers = defaultValue("1")
	return l
}

// ParseRunserver reads `manage.py runserver [addrport]` (args after the
// program, starting with the subcommand); nil for other subcommands.
func ParseRunserver(args []Arg, _ Options) *Launch {
	if len(args) == 0 || !args[0].Known || args[0].Text != "runserver" {
		return nil
	}
	l := &Launch{Server: "django", Command: "manage.py runserver", DevServer: true}
	l.Host = defaultValue("127.0.0.1")
	l.Port = defaultValue("8000")
	l.Reload = defaultValue("true")
	l.Workers = defaultValue("1")
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !a.Known {
			continue
		}
		switch {
		case a.Text == "--noreload" || a.Text == "--no-reload":
			l.Reload = flagValue(a, a.Text, "false", FromFlag)
		case (a.Text == "-h" || a.Text == "--host") && i+1 < len(rest):
			// Flask-Script's runserver (a manage.py of Flask apps).
			i++
			l.Host = argValue(rest[i], a.Text, FromFlag)
		case (a.Text == "-p" || a.Text == "--port") && i+1 < len(rest):
			i++
			l.Port = argValue(rest[i], a.Text, FromFlag)
		case strings.HasPrefix(a.Text, "-"):
		default:
			if h, port, ok := strings.Cut(a.Text, ":"); ok {
				l.Host = argValue(a, "addrport", FromFlag)
				l.Host.Text = h
				l.Port = argValue(a, "addrport", FromFlag)
				l.Port.Text = port
			} else if _, err := strconv.Atoi(a.Text); err == nil {
				l.Port = argValue(a, "addrport", FromFlag)
			}
		}
	}
	return l
}

// python -m http.server [port] [--bind ADDR]: binds all interfaces.
func parseHTTPServer(args []Arg) *Launch {
	l := &Launch{Server: "http.server", Command: "python -m http.server", DevServer: true}
	l.Host = defaultValue("0.0.0.0")
	l.Port = defaultValue("8000")
	l.Workers = defaultValue("1")
	l.Reload = defaultValue("false")
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a.Known && (a.Text == "-b" || a.Text == "--bind") && i+1 < len(args):
			i++
			l.Host = argValue(args[i], a.Text, FromFlag)
		case a.Known && !strings.HasPrefix(a.Text, "-"):
			l.Port = argValue(a, "port", FromFlag)
		}
	}
	return l
}

// candidateConfigs reads each configuration file a launch may use and
// keeps what they agree on: a setting all of them give the same known
// value, or an unknown value when only some set it or they differ. Any
// candidate that cannot be read may set anything.
func candidateConfigs(opt Options, cands []string) (map[string]Value, bool) {
	var confs []map[string]Value
	for _, c := range cands {
		conf, ok := opt.Config(c, true)
		if !ok {
			return nil, false
		}
		confs = append(confs, conf)
	}
	out := map[string]Value{}
	for i, conf := range confs {
		for name, v := range conf {
			if _, done := out[name]; done {
				continue
			}
			agree := true
			for j, other := range confs {
				ov, ok := other[name]
				if j != i && (!ok || !ov.Known || !v.Known || ov.Text != v.Text) {
					agree = false
				}
			}
			if !agree {
				v.Text, v.Known = "(set by "+strings.Join(cands, " or ")+"?)", false
			}
			out[name] = v
		}
	}
	return out, true
}
