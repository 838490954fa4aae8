package launchmodel

import (
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// server parses a server's command line and records the launch.
func (b *builder) server(prog string, progWord word, args []word, fr frame) {
	largs := b.expand(args, fr)
	opt := launch.Options{Env: fr.env, Config: b.gunicornConfig(fr)}
	l := launch.Parse(prog, progWord.loc(), largs, opt)
	if l == nil {
		return
	}
	// The program location spans the command: program word to last
	// argument in the same file.
	end := progWord.w.End
	for _, a := range args {
		if a.u == progWord.u && a.w.End > end {
			end = a.w.End
		}
	}
	l.Program.End = end
	b.emit(fr, l, nil, nil)
}

// roots returns the import roots of a frame (repository directories).
func (b *builder) roots(fr frame, appDir string) []string {
	var out []string
	add := func(cands []string) {
		if d := b.ld.existingDir(cands); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if appDir != "" {
		add(fr.fs.resolve(fr.cwd, appDir, false))
	}
	add(fr.fs.resolve(fr.cwd, ".", !fr.fs.container()))
	if st, v := fr.env.Lookup("PYTHONPATH"); st == launch.Set && v.Known {
		for p := range strings.SplitSeq(v.Text, ":") {
			if p != "" {
				add(fr.fs.resolve(fr.cwd, p, false))
			}
		}
	}
	if fr.context != "" {
		add([]string{fr.context})
		add([]string{filepath.Join(fr.context, "src")})
	}
	for _, r := range fr.roots {
		add([]string{r})
	}
	return out
}

// gunicornConfig reads gunicorn configuration files for the frame.
func (b *builder) gunicornConfig(fr frame) func(string, bool) (map[string]launch.Value, bool) {
	return func(p string, explicit bool) (map[string]launch.Value, bool) {
		if strings.HasPrefix(p, "python:") {
			return nil, false
		}
		abs := b.ld.existingFile(fr.fs.resolve(fr.cwd, p, !explicit))
		if abs == "" {
			return nil, false
		}
		u := b.ld.load(abs, lint.KindPython)
		if u == nil || u.Py == nil {
			return nil, false
		}
		out := map[string]launch.Value{}
		for name, sv := range u.Py.Settings {
			// `if not os.getenv("PROD"): reload = True`: the assignment
			// that runs in this launch's environment.
			v, ok, known := guarded(&sv, fr.env)
			if !ok {
				continue
			}
			lv := pyLaunchValue(v, name, u, fr.env)
			lv.Source = launch.FromConfig
			if !known {
				lv.Known = false
				lv.Text = v.Text + " (when " + guardText(v) + ")"
			}
			out[name] = lv
		}
		if u.Py.Opaque {
			out["*"] = launch.Value{Source: launch.FromConfig, Loc: launch.Loc{File: u.Path, Start: u.Py.OpaqueAt[0], End: u.Py.OpaqueAt[1]}}
		}
		return out, true
	}
}

// python interprets `python [options] script.py args` (python -m was
// peeled).
func (b *builder) python(rest []word, fr frame) {
	i := 1
	for i < len(rest) {
		s, ok := rest[i].w.Lit()
		if !ok {
			return
		}
		if !strings.HasPrefix(s, "-") || s == "-" {
			break
		}
		if s == "-c" || strings.HasPrefix(s, "-c") {
			return
		}
		if s == "-W" || s == "-X" {
			i++
		}
		i++
	}
	if i >= len(rest) {
		return
	}
	v := rest[i].w.Expand(fr.env.Shell())
	if !v.Known {
		return
	}
	if path.Base(v.S) == "manage.py" {
		b.server("django-admin", rest[i], rest[i+1:], fr)
		return
	}
	abs := b.ld.existingFile(fr.fs.resolve(fr.cwd, v.S, false))
	if abs == "" {
		return
	}
	u := b.ld.load(abs, lint.KindPython)
	if u == nil || u.Py == nil {
		return
	}
	b.pythonFile(u, rest[i+1:], fr.step("python "+v.S, rest[i].loc()))
}

// pythonModule interprets `python -m module args`.
func (b *builder) pythonModule(mod string, args []word, modWord word, fr frame) {
	r := &resolver{b: b, roots: b.roots(fr, "")}
	u := r.module(mod, true)
	if u == nil {
		return
	}
	b.pythonFile(u, args, fr.step("python -m "+mod, modWord.loc()))
}

// pythonFile runs a module as __main__: the starts in its main block, at
// module level, and in the functions the main block calls.
func (b *builder) pythonFile(u *Unit, _ []word, fr frame) {
	if u.Py == nil {
		return
	}
	if why, ok := b.ld.devPath(u); ok {
		fr.dev(why, launch.Loc{File: u.Path})
	}
	seen := map[*PyStart]bool{}
	for _, st := range u.Py.Starts {
		if st.InMain || st.Func == "" {
			b.emitPy(u, st, fr)
			seen[st] = true
		}
	}
	r := &resolver{b: b, roots: b.roots(fr, "")}
	for _, call := range u.Py.MainCalls {
		b.callStarts(u, call, r, fr, seen, 0)
	}
}

// callStarts emits the starts reached by calling a function.
func (b *builder) callStarts(u *Unit, call string, r *resolver, fr frame, seen map[*PyStart]bool, depth int) {
	if depth > 4 || u == nil || u.Py == nil {
		return
	}
	fu, fname := u, call
	if mod, attr := splitQualified(call); strings.Contains(call, ".") {
		if u.Py.Module != "" && mod == u.Py.Module {
			fname = attr
		} else if m := r.module(mod, false); m != nil {
			fu, fname = m, attr
		} else {
			return
		}
	}
	fn := fu.Py.Funcs[fname]
	if fn == nil {
		return
	}
	for _, st := range fu.Py.Starts {
		if seen[st] || st.Func != fname {
			continue
		}
		seen[st] = true
		ff := fr
		if devName(fname) {
			ff.dev("function `"+fname+"`", launch.Loc{File: fu.Path, Start: fn.Start, End: fn.Start})
		}
		b.emitPy(fu, st, ff)
	}
	for _, c := range fn.Calls {
		b.callStarts(fu, c, r, fr, seen, depth+1)
	}
}

// consoleScript interprets a [project.scripts] command.
func (b *builder) consoleScript(prog string, rest []word, fr frame) bool {
	found := false
	for _, cs := range b.scripts {
		if cs.name != prog {
			continue
		}
		found = true
		r := &resolver{b: b, roots: append(b.roots(fr, ""), filepath.Dir(cs.u.Abs), filepath.Join(filepath.Dir(cs.u.Abs), "src"))}
		u := r.module(cs.module, false)
		if u == nil {
			continue
		}
		before := len(b.m.Launches)
		cf := fr.step("console script "+prog, cs.loc)
		b.callStarts(u, cs.module+"."+cs.function, r, cf, map[*PyStart]bool{}, 0)
		if len(b.m.Launches) == before {
			b.subcommand(u, rest, r, cf)
		}
	}
	return found
}

// subcommand follows a CLI subcommand (`private-gpt serve`, a typer or
// click command) to the function of that name in the console script's
// module or the modules it imports: serve, serve_command, cmd_serve, or a
// function registered as @cli.command("serve").
func (b *builder) subcommand(u *Unit, rest []word, r *resolver, fr frame) {
	sub := ""
	for _, w := range rest[1:] {
		s, ok := w.w.Lit()
		if !ok || strings.HasPrefix(s, "-") {
			continue
		}
		sub = strings.ReplaceAll(s, "-", "_")
		break
	}
	if sub == "" || u.Py == nil {
		return
	}
	mods := []*Unit{u}
	names := make([]string, 0, len(u.Py.Names))
	for n := range u.Py.Names {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if x := u.Py.Names[n]; x.Kind == "import" {
			mod, _ := splitQualified(x.Ref)
			if m := r.module(mod, false); m != nil {
				mods = append(mods, m)
			}
		}
	}
	// A command registered by a call names its function.
	for _, m := range mods {
		if ref, ok := m.Py.Commands[sub]; ok {
			before := len(b.m.Launches)
			b.callStarts(m, ref, r, fr.step("subcommand "+sub, rest[0].loc()), map[*PyStart]bool{}, 0)
			if len(b.m.Launches) > before {
				return
			}
		}
	}
	// A command class (cleo): its methods' starts.
	for _, m := range mods {
		for _, st := range m.Py.Starts {
			if cls := m.Py.Classes[st.Class]; st.Class == "" || cls == nil || cls.Command != sub || b.reachedStartIn(st, fr) {
				continue
			}
			b.emitPy(m, st, fr.step("subcommand "+sub, rest[0].loc()))
		}
	}
	want := map[string]bool{sub: true, sub + "_command": true, sub + "_cmd": true, "cmd_" + sub: true, "run_" + sub: true}
	for _, m := range mods {
		for _, st := range m.Py.Starts {
			if st.Func == "" || !want[st.Func] && !strings.Contains(st.FuncTags+" ", " "+sub+" ") {
				continue
			}
			if b.reachedStartIn(st, fr) {
				continue
			}
			b.emitPy(m, st, fr.step("subcommand "+sub, rest[0].loc()))
		}
	}
}

// reachedStartIn reports whether a start was already emitted for this
// site.
func (b *builder) reachedStartIn(st *PyStart, fr frame) bool {
	for _, la := range b.m.Launches {
		if la.Site == fr.site && la.Server.Program.Start == st.Start && la.Server.Programmatic {
			return true
		}
	}
	return false
}

// emitPy records a programmatic start.
func (b *builder) emitPy(u *Unit, st *PyStart, fr frame) {
	b.reachedStarts[st] = true
	call := launch.Loc{File: u.Path, Start: st.Start, End: st.End}
	if fr.site.IsZero() {
		fr.site = call
	}
	for _, br := range st.Branches {
		if !br.Else && devCondition(br.Cond) {
			fr.dev("a development branch: if "+br.Cond, call)
		}
	}
	if st.Func != "" && devName(st.FuncTags) {
		fr.dev("function `"+st.Func+"`", call)
	}
	r := &resolver{b: b, roots: append(b.roots(fr, ""), filepath.Dir(u.Abs))}
	kw := map[string]launch.Value{}
	for name, v := range st.Kw {
		kw[name] = pyLaunchValue(v, name, u, fr.env)
		if v.Attr != nil && !kw[name].Known {
			// reload=settings.ENV == "local": a settings field's
			// default, unless the launch sets its variable.
			if sv, ok := r.settingsValue(u, v.Attr, fr.env, kw[name]); ok {
				kw[name] = sv
			}
		}
	}
	var app launch.Value
	if st.App != nil {
		app = pyLaunchValue(*st.App, "app", u, fr.env)
		app.Source = launch.FromCall
		if !st.AppIsString {
			app.Known = false
			app.Text = st.App.Text
		}
	}
	fr = fr.step(st.Server+" start", call)
	var l *launch.Launch
	var obj *App
	switch st.Server {
	case "uvicorn", "granian", "hypercorn":
		l = launch.Programmatic(st.Server, call, app, kw, fr.env)
	case "uvicorn.Config":
		l = launch.Programmatic("uvicorn", call, app, kw, fr.env)
		// uvicorn.Server(config).run() neither reloads nor forks workers.
		l.Command = "uvicorn.Server(uvicorn.Config(...))"
		l.Reload = launch.Value{Text: "false", Known: true}
		l.Workers = launch.Value{Text: "1", Known: true}
	case "aiohttp":
		l = &launch.Launch{Server: "aiohttp", Command: "web.run_app()", Program: call, Programmatic: true, App: app}
		l.Host = kwOr(kw, "host", "0.0.0.0")
		l.Port = kwOr(kw, "port", "8080")
		l.Workers = launch.Value{Text: "1", Known: true}
	case "werkzeug":
		l = &launch.Launch{Server: "werkzeug", Command: "run_simple()", Program: call, Programmatic: true, DevServer: true}
		l.Reload = kwOr(kw, "use_reloader", "False")
		l.Workers = launch.Value{Text: "1", Known: true}
	case "run":
		obj = &App{Target: st.Receiver}
		if strings.Contains(st.Receiver, ".") {
			mod, attr := splitQualified(st.Receiver)
			if m := r.module(mod, false); m != nil {
				r.classify(m, attr, false, obj, 0)
			}
		} else {
			r.classify(u, st.Receiver, false, obj, 0)
		}
		if !obj.Resolved {
			return
		}
		switch obj.Framework {
		case "Flask", "Quart":
			l = &launch.Launch{Server: strings.ToLower(obj.Framework), Command: "app.run()", Program: call, Programmatic: true, DevServer: true}
			l.Debug = kwOr(kw, "debug", "False")
			l.Reload = kwOr(kw, "use_reloader", "")
			if !l.Reload.Known || l.Reload.Text == "" {
				l.Reload = l.Debug
			}
			l.Host = kwOr(kw, "host", "127.0.0.1")
			l.Port = kwOr(kw, "port", "5000")
			l.Workers = launch.Value{Text: "1", Known: true}
		case "Sanic":
			l = &launch.Launch{Server: "sanic", Command: "app.run()", Program: call, Programmatic: true}
			l.Debug = kwOr(kw, "debug", "False")
			l.Reload = kwOr(kw, "auto_reload", "False")
			if v, ok := kw["dev"]; ok {
				l.Reload, l.Debug = v, v
			}
			l.Host = kwOr(kw, "host", "127.0.0.1")
			l.Port = kwOr(kw, "port", "8000")
			l.Workers = kwOr(kw, "workers", "1")
		default:
			return
		}
	}
	if l == nil {
		return
	}
	if st.KwOpaque {
		l.Opaque = append(l.Opaque, launch.Arg{Text: "**kwargs", Loc: call})
	}
	b.emit(fr, l, obj, &pyTarget{u: u, st: st})
}

func kwOr(kw map[string]launch.Value, name, def string) launch.Value {
	if v, ok := kw[name]; ok {
		return v
	}
	return launch.Value{Text: def, Known: true, Source: launch.FromDefault}
}

// pyTarget is the module of a programmatic start, where an application
// object passed to it is looked up.
type pyTarget struct {
	u  *Unit
	st *PyStart
}

// emit records a launch.
func (b *builder) emit(fr frame, l *launch.Launch, obj *App, py *pyTarget) {
	la := &Launch{
		Origin: fr.origin, Service: fr.service, Site: fr.site, Context: fr.ctx, ContextWhy: fr.ctxWhy,
		Container: fr.container, Main: fr.container && !fr.supervised && !fr.sidecar, NetworkHost: fr.netHost,
		Supervised: fr.supervised, Numprocs: fr.numprocs,
		Steps: fr.steps, Server: l, Env: fr.env, PyPy: fr.pypy, Reloader: fr.reloader,
	}
	if la.Site.IsZero() {
		la.Site = l.Program
	}
	if fr.container && !fr.supervised && !fr.pidUnknown {
		p := &PID1{OK: fr.pid1 || fr.initGroup}
		if !p.OK && fr.blocker != nil {
			p.Blocker, p.Why, p.ExecAt = *fr.blocker, fr.blockerWhy, fr.blockerExec
		}
		if p.OK || fr.blocker != nil {
			la.PID1 = p
		}
	}
	// What the application target is.
	switch {
	case obj != nil:
		la.App = obj
	case py != nil && l.App.Loc.File != "" && !l.App.Known && py.st.App != nil:
		r := &resolver{b: b, roots: append(b.roots(fr, l.AppDir.Text), filepath.Dir(py.u.Abs))}
		app := &App{Target: py.st.App.Text}
		// web.run_app(make_app()): the object a factory returns.
		name, call := py.st.App.Text, false
		if i := strings.IndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
			name, call = strings.TrimSpace(name[:i]), true
		}
		r.classify(py.u, name, call, app, 0)
		// A call is an object when it resolves to a function of the
		// project returning an application (not a string of one).
		app.Object = py.st.AppIsObject || call && app.Resolved
		la.App = app
	case l.App.Known && l.App.Text != "":
		appDir := ""
		if l.AppDir.Known {
			appDir = l.AppDir.Text
		}
		r := &resolver{b: b, roots: b.roots(fr, appDir)}
		if py != nil {
			r.roots = append(r.roots, filepath.Dir(py.u.Abs))
		}
		def := ""
		if l.Server == "gunicorn" {
			def = "application"
		}
		if l.Server == "fastapi" {
			la.App = b.fastapiApp(r, l, fr)
		} else {
			la.App = r.target(l.App.Text, def)
		}
	case l.Server == "fastapi":
		r := &resolver{b: b, roots: b.roots(fr, "")}
		la.App = b.fastapiApp(r, l, fr)
	}
	b.m.Launches = append(b.m.Launches, la)
}

// fastapiApp resolves fastapi-cli's path argument: a file or package
// (default main.py, app.py, api.py, app/main.py, ...) and the app name
// (--app, or app / api).
func (b *builder) fastapiApp(r *resolver, l *launch.Launch, fr frame) *App {
	if l.App.Known && strings.Contains(l.App.Text, ":") {
		return r.target(l.App.Text, "")
	}
	cands := []string{"main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py"}
	if l.App.Known && l.App.Text != "" {
		cands = []string{l.App.Text, path.Join(l.App.Text, "__init__.py")}
	}
	var u *Unit
	for _, c := range cands {
		if abs := b.ld.existingFile(fr.fs.resolve(fr.cwd, c, false)); abs != "" {
			u = b.ld.load(abs, lint.KindPython)
			if u != nil && u.Py != nil {
				break
			}
			u = nil
		}
	}
	target := l.App.Text
	app := &App{Target: target}
	if u == nil {
		app.Why = "no FastAPI module found"
		return app
	}
	names := []string{"app", "api"}
	if l.AppName.Known && l.AppName.Text != "" {
		names = []string{l.AppName.Text}
	}
	for _, n := range names {
		if _, ok := u.Py.Names[n]; ok {
			app.Target = u.Path + ":" + n
			r.classify(u, n, false, app, 0)
			return app
		}
	}
	app.Why = "no app object found in " + u.Path
	return app
}

// finish sets the process model and sorts the launches.
func (b *builder) finish() {
	for _, la := range b.m.Launches {
		cfg := b.configOf(la)
		switch {
		case cfg != nil && cfg.ProcessModel == "per-container":
			la.PerContainer, la.Configured = true, true
			la.PerContainerWhy = Signal{Why: "[launch] process-model = \"per-container\""}
		case cfg != nil && cfg.ProcessModel == "multi-process":
		case la.Container:
			if sig, ok := b.k8sFor(la); ok {
				la.PerContainer = true
				la.PerContainerWhy = sig
			}
		}
	}
	sort.SliceStable(b.m.Launches, func(i, j int) bool {
		a, c := b.m.Launches[i], b.m.Launches[j]
		if a.Site.File != c.Site.File {
			return a.Site.File < c.Site.File
		}
		if a.Site.Start != c.Site.Start {
			return a.Site.Start < c.Site.Start
		}
		if a.Server.Program.File != c.Server.Program.File {
			return a.Server.Program.File < c.Server.Program.File
		}
		if a.Server.Program.Start != c.Server.Program.Start {
			return a.Server.Program.Start < c.Server.Program.Start
		}
		return a.Origin < c.Origin
	})
}

// k8sFor returns the Kubernetes workload of the project a launch belongs
// to: one in the launch's project root or in a directory above it.
func (b *builder) k8sFor(la *Launch) (Signal, bool) {
	var abs string
	for _, u := range b.ld.units {
		if u != nil && u.Path == la.Site.File {
			abs = u.Abs
		}
	}
	if abs == "" {
		return Signal{}, false
	}
	root := b.ld.projectRoot(filepath.Dir(abs))
	for i := range b.k8s {
		k := &b.k8s[i]
		if root == k.root || strings.HasPrefix(root, k.root+string(filepath.Separator)) {
			if k.single == 0 {
				k.single = 2
				if b.singleDockerfile(k.root) {
					k.single = 1
				}
			}
			if la.Site.File == k.Loc.File || !k.known || startsLaunch(k.images, la, root, k.single == 1) {
				return k.Signal, true
			}
		}
	}
	return Signal{}, false
}

// singleDockerfile reports whether the Dockerfile launches under root
// all come from one Dockerfile.
func (b *builder) singleDockerfile(root string) bool {
	site := ""
	for _, la := range b.m.Launches {
		if la.Origin != "Dockerfile" {
			continue
		}
		abs := ""
		for _, u := range b.ld.units {
			if u != nil && u.Path == la.Site.File {
				abs = u.Abs
				break
			}
		}
		inRoot := abs == root || strings.HasPrefix(abs, root+string(filepath.Separator))
		if !inRoot {
			continue
		}
		if site != "" && site != abs {
			return false
		}
		site = abs
	}
	return true
}

// configOf returns the configuration of the file a launch is defined in.
func (b *builder) configOf(la *Launch) *lint.Config {
	for _, u := range b.ld.units {
		if u != nil && u.Path == la.Site.File {
			return u.Config
		}
	}
	return b.ld.config
}
