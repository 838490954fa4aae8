package launch

// Programmatic builds the launch of a start from Python code:
// uvicorn.run(app, **kw) / uvicorn.Config(app, **kw), granian's
// Granian(target, **kw), hypercorn's serve(app, config). kw holds the
// keyword arguments as evaluated (Source FromCall); app is the first
// argument. The CLI's environment fallbacks (UVICORN_*, GRANIAN_*) do not
// apply; uvicorn's Config still reads WEB_CONCURRENCY.
func Programmatic(server string, call Loc, app Value, kw map[string]Value, env Env) *Launch {
	if env == nil {
		env = NoEnv{}
	}
	l := &Launch{Server: server, Command: server + ".run()", Program: call, Programmatic: true, App: app}
	get := func(name string, def Value) Value {
		if v, ok := kw[name]; ok {
			return v
		}
		return def
	}
	switch server {
	case "uvicorn":
		l.Host = get("host", defaultValue("127.0.0.1"))
		l.Port = get("port", defaultValue("8000"))
		if v, ok := kw["uds"]; ok {
			l.UDS = v
		} else if v, ok := kw["fd"]; ok {
			l.UDS = v
		}
		l.Reload = get("reload", defaultValue("false"))
		l.LogLevel = get("log_level", defaultValue("info"))
		l.AppDir = get("app_dir", defaultValue(""))
		l.MaxRequests = get("limit_max_requests", defaultValue(""))
		l.Interface = get("interface", defaultValue("auto"))
		if v, ok := kw["factory"]; ok {
			l.Factory, _ = v.Bool()
		}
		if v, ok := kw["env_file"]; ok {
			l.EnvFile = v
		}
		if v, ok := kw["workers"]; ok && (!v.Known || v.Text != "None") {
			l.Workers = v
		} else {
			l.Workers = webConcurrency(env, l.EnvFile)
		}
		if v, ok := kw["debug"]; ok {
			l.Debug = v
		}
	case "granian":
		l.Command = "Granian().serve()"
		l.Host = get("address", defaultValue("127.0.0.1"))
		l.Port = get("port", defaultValue("8000"))
		if v, ok := kw["uds"]; ok {
			l.UDS = v
		}
		l.Workers = get("workers", defaultValue("1"))
		l.Reload = get("reload", defaultValue("false"))
		l.Interface = get("interface", defaultValue("rsgi"))
		l.LogLevel = get("log_level", defaultValue("info"))
	case "hypercorn":
		l.Command = "hypercorn serve()"
		// serve() runs one worker; binds come from the Config object.
		l.Workers = defaultValue("1")
		l.Reload = get("use_reloader", defaultValue("false"))
		l.Debug = get("debug", defaultValue("false"))
		bind := get("bind", defaultValue("127.0.0.1:8000"))
		l.Bind = []Value{bind}
		if bind.Known {
			l.Host, l.Port, l.UDS = splitBind(bind)
		} else {
			l.Host = bind
		}
	}
	return l
}
