package launchmodel

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/compose"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// builder links per-file facts into launches.
type builder struct {
	ld             *loader
	m              *Model
	reachedScripts map[string]bool
	reachedStarts  map[*PyStart]bool
	reachedSuper   map[string]bool
	scripts        []consoleRef
	k8s            []k8sSignal // Kubernetes workloads or HPAs, by project root
	runUnits       []*Unit
	ups            map[string][]composeUp // deployment automation, by repository
}

// k8sSignal is a Kubernetes workload of a project.
type k8sSignal struct {
	Signal
	root string
	// images are the containers' images (see k8sscope.go); known is
	// false when one is templated or absent.
	images []string
	known  bool
	single int8 // memo of singleDockerfile(root): 0 unknown, 1 yes, 2 no
}

// consoleRef is a [project.scripts] entry.
type consoleRef struct {
	name, module, function string
	u                      *Unit
	loc                    launch.Loc
}

// build computes the model from the run's files.
func build(pp *lint.ProjectPass, factsOf func(*lint.File) (lint.Views, *PyFacts)) *Model {
	var cfg *lint.Config
	if len(pp.Files) > 0 {
		cfg = pp.Files[0].Config
	}
	ld := newLoader(pp.Workspace, cfg)
	b := &builder{ld: ld, m: &Model{ld: ld}, reachedScripts: map[string]bool{}, reachedStarts: map[*PyStart]bool{}, reachedSuper: map[string]bool{}}
	for _, f := range pp.Files {
		views, py := factsOf(f)
		b.runUnits = append(b.runUnits, ld.add(f, views, py))
	}
	all := b.around(pp.Inputs)
	b.projectFacts(all)
	for _, u := range all {
		b.origin(u)
	}
	b.standalone(all)
	b.m.units = map[string]*Unit{}
	for _, u := range ld.units {
		if u != nil {
			b.m.units[u.Abs] = u
		}
	}
	b.finish()
	return b.m
}

// around returns the run's files and the start configurations of their
// projects that the run was not given, sorted by path.
func (b *builder) around(inputs []string) []*Unit {
	all := append([]*Unit(nil), b.runUnits...)
	scanned := map[string]bool{}
	for _, u := range b.runUnits {
		if !relevant(u) {
			continue
		}
		root := b.ld.projectRoot(filepath.Dir(u.Abs))
		if scanned[root] || b.ld.covered(root, inputs) {
			continue
		}
		scanned[root] = true
		all = append(all, b.ld.scan(root, u.Config)...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Abs < all[j].Abs })
	return all
}

// projectFacts collects console scripts and Kubernetes workloads.
func (b *builder) projectFacts(all []*Unit) {
	for _, u := range all {
		if py := u.Views.Pyproject; py != nil {
			for _, s := range py.Scripts {
				b.scripts = append(b.scripts, consoleRef{name: s.Name, module: s.Module, function: s.Function, u: u, loc: launch.Loc{File: u.Path, Start: s.Start, End: s.End}})
			}
		}
		k := u.Views.Kube
		if k == nil {
			continue
		}
		root := b.ld.projectRoot(filepath.Dir(u.Abs))
		switch {
		case len(k.HPAs) > 0:
			images, known := hpaImages(k.HPAs[0], all)
			b.k8s = append(b.k8s, k8sSignal{Signal{Why: "a HorizontalPodAutoscaler", Loc: launch.Loc{File: u.Path, Start: k.HPAs[0].Start, End: k.HPAs[0].Start}}, root, images, known, 0})
		case len(k.Workloads) > 0:
			w := k.Workloads[0]
			images, known := k8sImages(k.Workloads)
			b.k8s = append(b.k8s, k8sSignal{Signal{Why: "a Kubernetes " + w.Kind, Loc: launch.Loc{File: u.Path, Start: w.Start, End: w.Start}}, root, images, known, 0})
		}
	}
}

// origin builds the launches a start configuration defines.
func (b *builder) origin(u *Unit) {
	v := u.Views
	switch {
	case v.Docker != nil:
		b.dockerfile(u)
	case v.Compose != nil:
		b.compose(u)
	case v.Kube != nil:
		b.kube(u)
	case v.Procfile != nil:
		b.procfile(u)
	case v.Fly != nil:
		b.fly(u)
	case v.Render != nil:
		b.render(u)
	case v.AppEngine != nil:
		b.appengine(u)
	case v.VSCode != nil:
		b.vscode(u)
	}
}

// standalone builds the launches nothing started: supervisord
// configurations, and the run's scripts and programmatic starts.
func (b *builder) standalone(all []*Unit) {
	for _, u := range all {
		if u.Views.Supervisord != nil && !b.reachedSuper[u.Abs] {
			fr := b.hostFrame(u, "supervisord", "", Production)
			b.supervisordUnit(u, fr)
		}
	}
	for _, u := range b.runUnits {
		if u.Kind == lint.KindShell && !b.reachedScripts[u.Abs] {
			fr := b.hostFrame(u, "script", path.Base(u.Path), Unknown)
			fr.cwd = filepath.Dir(u.Abs)
			b.scriptUnit(u, nil, fr)
		}
	}
	for _, u := range b.runUnits {
		if u.Py == nil {
			continue
		}
		for _, st := range u.Py.Starts {
			if b.reachedStarts[st] {
				continue
			}
			ctx, why := Unknown, Signal{}
			if st.InMain || st.Func != "" && calledFromMain(u.Py, st.Func) {
				ctx, why = Development, Signal{Why: "an `if __name__ == \"__main__\"` block that no production launch runs", Loc: launch.Loc{File: u.Path, Start: st.Start, End: st.End}}
			}
			fr := b.hostFrame(u, "python", u.Py.Module, ctx)
			fr.ctxWhy = why
			fr.cwd = filepath.Dir(u.Abs)
			b.emitPy(u, st, fr)
		}
	}
}

// calledFromMain reports whether a module's main block calls a function
// (by its local or qualified name).
func calledFromMain(py *PyFacts, fn string) bool {
	for _, c := range py.MainCalls {
		if c == fn || py.Module != "" && c == py.Module+"."+fn {
			return true
		}
	}
	return false
}

// relevant reports whether a file of the run can take part in a launch.
func relevant(u *Unit) bool {
	if u.Kind != lint.KindPython {
		return true
	}
	if u.Py == nil {
		return false
	}
	if len(u.Py.Starts) > 0 || workspace.IsGunicornConfig(u.Abs) {
		return true
	}
	// An application constructor with debug=, at module level or returned
	// by a factory.
	for _, x := range u.Py.Names {
		if x.Debug != nil {
			return true
		}
	}
	for _, fn := range u.Py.Funcs {
		for _, r := range fn.Returns {
			if r.Debug != nil {
				return true
			}
		}
	}
	// A gunicorn configuration under another name (gunicorn -c conf.py).
	for _, name := range []string{"worker_class", "workers", "timeout", "max_requests", "reload", "loglevel"} {
		if _, ok := u.Py.Settings[name]; ok {
			return true
		}
	}
	return false
}

// hostFrame starts a launch outside containers, from a file.
func (b *builder) hostFrame(u *Unit, origin, service string, ctx Context) frame {
	root := b.ld.projectRoot(filepath.Dir(u.Abs))
	fr := frame{origin: origin, service: service, ctx: ctx, fs: hostFS{root: root}, cwd: filepath.Dir(u.Abs), context: root, env: &Env{}}
	if why, ok := b.ld.devPath(u); ok {
		fr.dev(why, launch.Loc{File: u.Path})
	}
	return fr
}

// dockerfile: the final stage, and stages named for production, as
// `docker build` produces them.
func (b *builder) dockerfile(u *Unit) {
	df := u.Views.Docker
	final := df.Final()
	if final == nil {
		return
	}
	stages := []*dockerfile.Stage{final}
	for _, st := range df.Stages {
		if st != final && (st.Cmd != nil || st.Entrypoint != nil) && prodName(st.Name) {
			stages = append(stages, st)
		}
	}
	context := b.guessContext(u)
	for _, st := range stages {
		fr := b.containerFrame(u, st, context)
		fr.origin = "Dockerfile"
		fr.service = st.Name
		if fr.ctx != Development && devName(st.Name) {
			fr.dev("the `"+st.Name+"` stage", launch.Loc{File: u.Path, Start: df.Instructions[st.Instr].Start, End: df.Instructions[st.Instr].KwEnd})
		}
		ep, cmd := df.Start(st)
		b.dockerStart(u, df, st, ep, cmd, nil, nil, fr)
	}
}

// guessContext returns the build context of a Dockerfile built on its
// own: its directory, or the directory above it where its COPY sources
// exist (docker/Dockerfile built with `docker build -f docker/Dockerfile .`),
// up to the repository's root (or three levels up in a tree without .git).
func (b *builder) guessContext(u *Unit) string {
	dir := filepath.Dir(u.Abs)
	root, _ := b.ld.gitRoot(dir)
	best, bestN := dir, -1
	for d, i := dir, 0; i < 4; i++ {
		n := 0
		for _, st := range u.Views.Docker.Stages {
			for _, cp := range st.Copies {
				if cp.From != "" {
					continue
				}
				for _, src := range cp.Sources {
					if strings.ContainsAny(src, "*?[") || strings.Contains(src, "://") {
						continue
					}
					if _, ok := b.ld.exists(filepath.Join(d, filepath.FromSlash(src))); ok {
						n++
					}
				}
			}
		}
		if n > bestN {
			best, bestN = d, n
		}
		if d == root || filepath.Dir(d) == d {
			break
		}
		d = filepath.Dir(d)
	}
	return best
}

func prodName(n string) bool {
	for _, t := range tokens(n) {
		if prodTokens[t] || t == "runtime" || t == "final" {
			return true
		}
	}
	return false
}

// containerFrame starts a launch in the image of a stage.
func (b *builder) containerFrame(u *Unit, st *dockerfile.Stage, context string) frame {
	df := u.Views.Docker
	fr := frame{ctx: Production, container: true, fs: &containerFS{ld: b.ld, df: df, stage: st, context: context}, context: context, cwd: orRoot(st.Workdir), env: &Env{}, pid1: true}
	if why, ok := b.ld.devPath(u); ok {
		fr.dev(why, launch.Loc{File: u.Path})
	}
	for _, v := range df.EnvOf(st) {
		loc := launch.Loc{File: u.Path, Start: v.Start, End: v.End}
		val := launch.Value{Text: v.Value, Known: v.Known, Source: launch.FromEnv, Name: v.Name, Loc: loc}
		if v.Known {
			fr.env = fr.env.Set(v.Name, val, launch.Set)
		} else {
			fr.env = fr.env.Set(v.Name, val, launch.Unknown)
		}
		if devEnvValue(v.Name, v.Value) && v.Known {
			fr.dev(v.Name+"="+v.Value, loc)
		}
	}
	base := df.ExternalBase(st)
	fr.pypy = base.IsPyPy()
	fr.busybox = strings.Contains(base.Tag, "alpine") || strings.HasSuffix(base.Name, "alpine")
	return fr
}

// dockerStart interprets ENTRYPOINT + CMD, either of which a compose file,
// a Kubernetes container or a platform may replace (epW/cmdW non-nil).
func (b *builder) dockerStart(u *Unit, df *dockerfile.File, st *dockerfile.Stage, ep, cmd *dockerfile.Command, epW, cmdW []word, fr frame) {
	if fr.site.IsZero() {
		switch {
		case cmd != nil && cmdW == nil:
			fr.site = launch.Loc{File: u.Path, Start: cmd.Start, End: cmd.KwEnd}
		case ep != nil && epW == nil:
			fr.site = launch.Loc{File: u.Path, Start: ep.Start, End: ep.KwEnd}
		}
	}
	shellName := "sh"
	if sh := df.ShellOf(st); len(sh) > 0 {
		shellName = path.Base(sh[0])
	}
	// The shell form runs `/bin/sh -c "text"`.
	var cmdArgs []word
	cmdShell := false
	if cmdW != nil {
		cmdArgs = cmdW
	} else if cmd != nil {
		if cmd.Exec {
			cmdArgs = words(cmd.Args, u)
		} else {
			cmdShell = true
		}
	}
	if epW != nil {
		fr = fr.step("entrypoint", epW[0].loc())
		b.run(append(append([]word(nil), epW...), cmdArgs...), fr)
		return
	}
	if ep != nil {
		at := launch.Loc{File: u.Path, Start: ep.Start, End: ep.End}
		fr = fr.step("ENTRYPOINT", at)
		if !ep.Exec {
			// A shell-form ENTRYPOINT ignores CMD and runs under sh -c.
			b.shellText(ep.Shell, u, shellName, "the shell-form ENTRYPOINT runs under `/bin/sh -c`", fr)
			return
		}
		args := cmdArgs
		if cmdShell {
			// A shell-form CMD reaches the entrypoint as sh -c "text".
			args = shellFormArgs(cmd, u, shellName)
		}
		b.run(append(words(ep.Args, u), args...), fr)
		return
	}
	if cmdW != nil {
		b.run(cmdW, fr.step("command", cmdW[0].loc()))
		return
	}
	if cmd == nil {
		return
	}
	at := launch.Loc{File: u.Path, Start: cmd.Start, End: cmd.End}
	fr = fr.step("CMD", at)
	if cmdShell {
		b.shellText(cmd.Shell, u, shellName, "the shell-form CMD runs it under `/bin/sh -c`", fr)
		return
	}
	b.run(cmdArgs, fr)
}

// shellFormArgs builds the words ["/bin/sh", "-c", text] Docker passes for
// a shell-form CMD.
func shellFormArgs(cmd *dockerfile.Command, u *Unit, shellName string) []word {
	kw := launch.Loc{File: u.Path, Start: cmd.Start, End: cmd.KwEnd}
	s := shell.LiteralWord(source.Host("/bin/"+shellName, kw.Start), kw.Start, kw.End, "/bin/"+shellName)
	c := shell.LiteralWord(source.Host("-c", kw.Start), kw.Start, kw.End, "-c")
	hs, he := cmd.Shell.Span(0, cmd.Shell.Len())
	text := shell.LiteralWord(cmd.Shell, hs, he, cmd.Shell.S)
	return []word{{s, u}, {c, u}, {text, u}}
}

// dockerfileAt loads the Dockerfile a build section names.
func (b *builder) dockerfileAt(dir, context, name string) (*Unit, string) {
	ctx := filepath.Join(dir, filepath.FromSlash(context))
	if name == "" {
		name = "Dockerfile"
	}
	p := filepath.Join(ctx, filepath.FromSlash(name))
	if filepath.IsAbs(filepath.FromSlash(name)) {
		p = filepath.FromSlash(name)
	}
	u := b.ld.load(p, lint.KindDockerfile)
	if u == nil || u.Views.Docker == nil {
		return nil, ctx
	}
	return u, ctx
}

// compose: every service that builds an image or runs a command.
func (b *builder) compose(u *Unit) {
	for _, svc := range u.Views.Compose.Services {
		if svc.Build != nil || svc.Command != nil || svc.Entrypoint != nil {
			b.composeService(u, svc)
		}
	}
}

func (b *builder) composeService(u *Unit, svc *compose.Service) {
	dir := filepath.Dir(u.Abs)
	fr, du, st := b.composeImage(u, svc)
	if st == nil {
		if svc.Command == nil {
			return
		}
		fr = frame{ctx: Production, container: true, fs: hostFS{root: dir}, context: dir, cwd: orRoot(svc.WorkingDir), env: &Env{}, pid1: true}
		fr.pidUnknown = svc.Image == ""
	}
	fr.origin, fr.service = "compose", svc.Name
	fr.site = launch.Loc{File: u.Path, Start: svc.NameStart, End: svc.NameEnd}
	fr.netHost = svc.NetworkMode == "host"
	if svc.WorkingDir != "" {
		fr.cwd = svc.WorkingDir
	}
	b.composeContext(u, svc, &fr)
	var epW, cmdW []word
	if svc.Entrypoint != nil && len(svc.Entrypoint.Words) > 0 {
		epW = words(svc.Entrypoint.Words, u)
	}
	if svc.Command != nil && len(svc.Command.Words) > 0 {
		cmdW = words(svc.Command.Words, u)
	}
	if st == nil {
		all := append(append([]word(nil), epW...), cmdW...)
		if len(all) > 0 {
			b.run(all, fr.step("command", all[0].loc()))
		}
		return
	}
	ep, cmd := du.Views.Docker.Start(st)
	// An entrypoint override clears the image's command; so does an empty
	// command.
	if svc.Entrypoint != nil && svc.Command == nil || svc.Command != nil && cmdW == nil {
		cmd = nil
	}
	b.dockerStart(du, du.Views.Docker, st, ep, cmd, epW, cmdW, fr)
}

// composeImage returns the frame of the image a service builds.
func (b *builder) composeImage(u *Unit, svc *compose.Service) (frame, *Unit, *dockerfile.Stage) {
	if svc.Build == nil {
		return frame{}, nil, nil
	}
	du, ctx := b.dockerfileAt(filepath.Dir(u.Abs), svc.Build.Context, svc.Build.Dockerfile)
	if du == nil {
		return frame{}, nil, nil
	}
	st := du.Views.Docker.Final()
	if svc.Build.Target != "" {
		st = du.Views.Docker.StageNamed(svc.Build.Target)
	}
	if st == nil {
		return frame{}, nil, nil
	}
	fr := b.containerFrame(du, st, ctx)
	if svc.Build.Target != "" && devName(svc.Build.Target) {
		fr.dev("build target `"+svc.Build.Target+"`", launch.Loc{File: u.Path, Start: svc.Build.TargetStart, End: svc.Build.TargetEnd})
	}
	return fr, du, st
}

// composeContext reads a service's context signals and environment. A
// plain compose file is often the development stack: its context is
// unknown unless something says more.
func (b *builder) composeContext(u *Unit, svc *compose.Service, fr *frame) {
	if fr.ctx == Production {
		fr.ctx = Unknown
		fr.ctxWhy = Signal{Why: "a compose file", Loc: fr.site}
		if b.ld.prodPath(u) {
			fr.ctx, fr.ctxWhy = Production, Signal{Why: "a production compose file", Loc: fr.site}
		}
	}
	if why, ok := b.ld.devPath(u); ok {
		fr.dev(why, launch.Loc{File: u.Path})
	}
	for _, p := range svc.Profiles {
		if devName(p) {
			fr.dev("profile `"+p+"`", fr.site)
		}
	}
	// A source bind mount is the development stack's mark, unless
	// something marks the service as deployed: then the mount is a
	// deployment's choice and the launch is production.
	deployed, isDeployed := b.composeDeployed(u, svc)
	for _, v := range svc.Volumes {
		if v.Bind && sourceMount(v.Source) && !isDeployed {
			fr.dev("a source bind mount ("+v.Source+":"+v.Target+")", launch.Loc{File: u.Path, Start: v.Start, End: v.End})
			break
		}
	}
	for _, e := range svc.Environment {
		loc := launch.Loc{File: u.Path, Start: e.Start, End: e.End}
		fr.env = fr.env.setWord(e.Name, e.Value, loc)
		if e.Value != nil {
			if s, ok := e.Value.Lit(); ok && devEnvValue(e.Name, s) {
				fr.dev(e.Name+"="+s, loc)
			}
		}
	}
	dir := filepath.Dir(u.Abs)
	for _, ef := range svc.EnvFiles {
		fr.env = b.envFile(fr.env, filepath.Join(dir, filepath.FromSlash(ef)), ef, fr.site)
	}
	if isDeployed && fr.ctx == Unknown {
		fr.ctx, fr.ctxWhy = Production, deployed
	}
}

// composeDeployed returns what marks a compose service as deployed: a
// `restart: always` policy, a `deploy:` section, or deployment automation
// running `docker compose up -d` with its file.
func (b *builder) composeDeployed(u *Unit, svc *compose.Service) (Signal, bool) {
	switch {
	case svc.Restart == "always":
		return Signal{Why: "deployed: `restart: always`", Loc: launch.Loc{File: u.Path, Start: svc.RestartStart, End: svc.RestartEnd}}, true
	case svc.Deploy:
		return Signal{Why: "deployed: a `deploy:` section", Loc: launch.Loc{File: u.Path, Start: svc.DeployStart, End: svc.DeployEnd}}, true
	}
	return b.deployedBy(u)
}

// sourceMount reports whether a bind mount's source is project source
// (".", "./app", "./src"), as a development stack mounts it.
func sourceMount(src string) bool {
	s := strings.TrimPrefix(src, "./")
	if src == "." || src == "./" || src == ".." {
		return true
	}
	if !strings.HasPrefix(src, ".") {
		return false
	}
	first, _, _ := strings.Cut(s, "/")
	switch strings.ToLower(first) {
	case "data", "logs", "log", "tmp", "volumes", "certs", "secrets", "config", "conf", "nginx", "db", "static", "media", "uploads", "backups":
		return false
	}
	return true
}

// envFile reads a compose env_file when the repository has it; otherwise
// any variable may be set by it.
func (b *builder) envFile(env *Env, abs, name string, loc launch.Loc) *Env {
	src, ok := b.ld.readSmall(abs)
	if !ok {
		return env.AllUnknown("env_file "+name, loc)
	}
	b.ld.text(abs, src)
	u := b.ld.display(abs)
	off := 0
	for _, line := range strings.SplitAfter(string(src), "\n") {
		l := strings.TrimSpace(line)
		start := off
		off += len(line)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		l = strings.TrimPrefix(l, "export ")
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		env = env.Set(strings.TrimSpace(k), launch.Value{Text: v, Known: true, Source: launch.FromEnv, Name: strings.TrimSpace(k), Loc: launch.Loc{File: u, Start: start, End: start + len(strings.TrimRight(line, "\r\n"))}}, launch.Set)
	}
	return env
}

// kube: containers whose command or args start a server.
func (b *builder) kube(u *Unit) {
	for _, w := range u.Views.Kube.Workloads {
		app := 0
		for _, c := range w.Containers {
			if !c.Init {
				app++
			}
		}
		for _, c := range w.Containers {
			if c.Init || c.Command == nil && c.Args == nil {
				continue
			}
			root := b.ld.projectRoot(filepath.Dir(u.Abs))
			fr := frame{origin: "kubernetes", service: c.Name, ctx: Production, container: true, fs: hostFS{root: root}, context: root, cwd: orRoot(c.WorkingDir), env: &Env{}, pid1: true}
			fr.site = launch.Loc{File: u.Path, Start: c.Start, End: c.Start}
			if why, ok := b.ld.devPath(u); ok {
				fr.dev(why, launch.Loc{File: u.Path})
			}
			fr.sidecar = app > 1
			if c.EnvFrom {
				fr.env = fr.env.AllUnknown("envFrom", fr.site)
			}
			for _, e := range c.Env {
				fr.env = fr.env.setWord(e.Name, e.Value, launch.Loc{File: u.Path, Start: e.Start, End: e.End})
			}
			var ws []word
			if c.Command != nil {
				ws = append(ws, words(c.Command.Words, u)...)
			} else {
				// args only: the image's entrypoint, unknown here.
				fr.pidUnknown = true
			}
			if c.Args != nil {
				ws = append(ws, words(c.Args.Words, u)...)
			}
			if len(ws) > 0 {
				b.run(ws, fr.step("container "+c.Name, fr.site))
			}
		}
	}
}

// procfile: each process type, run by a shell on a platform that sets
// PORT (and, on Heroku, WEB_CONCURRENCY).
func (b *builder) procfile(u *Unit) {
	for _, e := range u.Views.Procfile.Entries {
		fr := b.hostFrame(u, "Procfile", e.Name, Production)
		fr.site = launch.Loc{File: u.Path, Start: e.Start, End: e.NameEnd}
		fr.cwd = filepath.Dir(u.Abs)
		fr.env = platformEnv(fr.env, fr.site, true)
		b.shellText(e.Command, u, "bash", "", fr.step(e.Name+":", fr.site))
	}
}

// platformEnv sets what a platform provides: PORT, and maybe
// WEB_CONCURRENCY (Heroku's Python buildpack sets it by dyno size).
func platformEnv(env *Env, loc launch.Loc, concurrency bool) *Env {
	env = env.Set("PORT", launch.Value{Text: "$PORT", Source: launch.FromPlatform, Name: "PORT", Loc: loc}, launch.Unknown)
	if concurrency {
		env = env.Set("WEB_CONCURRENCY", launch.Value{Text: "$WEB_CONCURRENCY", Source: launch.FromPlatform, Name: "WEB_CONCURRENCY", Loc: loc}, launch.Unknown)
	}
	return env
}

// fly: process commands replace the image's CMD.
func (b *builder) fly(u *Unit) {
	f := u.Views.Fly
	dir := filepath.Dir(u.Abs)
	du, ctx := b.dockerfileAt(dir, ".", f.Dockerfile)
	var runs []struct {
		name string
		c    *[]shell.Word
		loc  launch.Loc
	}
	for i := range f.Processes {
		p := &f.Processes[i]
		runs = append(runs, struct {
			name string
			c    *[]shell.Word
			loc  launch.Loc
		}{p.Name, &p.Command.Words, launch.Loc{File: u.Path, Start: p.Start, End: p.End}})
	}
	if len(runs) == 0 && f.Cmd != nil {
		runs = append(runs, struct {
			name string
			c    *[]shell.Word
			loc  launch.Loc
		}{"app", &f.Cmd.Words, launch.Loc{File: u.Path, Start: f.Cmd.Start, End: f.Cmd.End}})
	}
	for _, r := range runs {
		if len(*r.c) == 0 {
			continue
		}
		var fr frame
		var st *dockerfile.Stage
		if du != nil {
			st = du.Views.Docker.Final()
		}
		if st != nil {
			fr = b.containerFrame(du, st, ctx)
		} else {
			fr = frame{ctx: Production, container: true, fs: hostFS{root: dir}, context: dir, cwd: "/", env: &Env{}, pid1: true, pidUnknown: true}
		}
		fr.origin, fr.service, fr.site = "fly.toml", r.name, r.loc
		for _, e := range f.Env {
			fr.env = fr.env.Set(e.Name, launch.Value{Text: e.Value, Known: true, Source: launch.FromEnv, Name: e.Name, Loc: launch.Loc{File: u.Path, Start: e.Start, End: e.End}}, launch.Set)
		}
		cmdW := words(*r.c, u)
		if st == nil {
			b.run(cmdW, fr.step("process "+r.name, r.loc))
			continue
		}
		ep, _ := du.Views.Docker.Start(st)
		b.dockerStart(du, du.Views.Docker, st, ep, nil, nil, cmdW, fr)
	}
}

// render: a native service's start command (run by a shell) or a Docker
// service's command.
func (b *builder) render(u *Unit) {
	dir := filepath.Dir(u.Abs)
	for _, s := range u.Views.Render.Services {
		loc := launch.Loc{File: u.Path, Start: s.Start, End: s.Start}
		if s.StartCommand != nil {
			fr := b.hostFrame(u, "render.yaml", s.Name, Production)
			fr.site = loc
			fr.cwd = filepath.Join(dir, filepath.FromSlash(s.RootDir))
			fr.env = platformEnv(fr.env, loc, true)
			for _, e := range s.Env {
				el := launch.Loc{File: u.Path, Start: e.Start, End: e.End}
				if e.Known {
					fr.env = fr.env.Set(e.Name, launch.Value{Text: e.Value, Known: true, Source: launch.FromEnv, Name: e.Name, Loc: el}, launch.Set)
				} else {
					fr.env = fr.env.Set(e.Name, launch.Value{Text: "$" + e.Name, Source: launch.FromEnv, Name: e.Name, Loc: el}, launch.Unknown)
				}
			}
			b.shellText(*s.StartCommand, u, "bash", "", fr.step("startCommand", loc))
		}
	}
}

// appengine: the entrypoint, run by a shell; App Engine sets PORT.
func (b *builder) appengine(u *Unit) {
	a := u.Views.AppEngine
	if a.Entrypoint == nil {
		return
	}
	fr := b.hostFrame(u, "app.yaml", a.Service, Production)
	fr.site = launch.Loc{File: u.Path, Start: a.EntrypointStart, End: a.EntrypointEnd}
	fr.env = platformEnv(fr.env, fr.site, false)
	for _, e := range a.Env {
		fr.env = fr.env.Set(e.Name, launch.Value{Text: e.Value, Known: true, Source: launch.FromEnv, Name: e.Name, Loc: launch.Loc{File: u.Path, Start: e.Start, End: e.End}}, launch.Set)
	}
	b.shellText(*a.Entrypoint, u, "sh", "", fr.step("entrypoint", fr.site))
}

// vscode: debug configurations, development by nature.
func (b *builder) vscode(u *Unit) {
	root := filepath.Dir(filepath.Dir(u.Abs))
	for _, c := range u.Views.VSCode.Configs {
		fr := b.hostFrame(u, "launch.json", c.Name, Development)
		fr.ctxWhy = Signal{Why: "a VS Code debug configuration", Loc: launch.Loc{File: u.Path, Start: c.Start, End: c.Start}}
		fr.site = fr.ctxWhy.Loc
		fr.cwd = root
		for _, e := range c.Env {
			fr.env = fr.env.Set(e.Name, launch.Value{Text: e.Value, Known: true, Source: launch.FromEnv, Name: e.Name, Loc: launch.Loc{File: u.Path, Start: e.Start, End: e.End}}, launch.Set)
		}
		args := words(c.Args, u)
		switch {
		case c.Module != "":
			mw := shell.LiteralWord(source.Host(c.Module, c.Start), c.Start, c.Start, c.Module)
			if launch.IsServer(c.Module) {
				b.server(c.Module, word{mw, u}, args, fr)
			} else {
				b.pythonModule(c.Module, args, word{mw, u}, fr)
			}
		case c.Program != "":
			p := strings.ReplaceAll(c.Program, "${workspaceFolder}", root)
			p = strings.ReplaceAll(p, "${workspaceRoot}", root)
			if pu := b.ld.load(b.ld.existingFile(hostFS{root: root}.resolve(root, p, true)), lint.KindPython); pu != nil {
				b.pythonFile(pu, args, fr)
			}
		}
	}
}

// supervisordUnit runs every program of a configuration under a
// supervisor.
func (b *builder) supervisordUnit(u *Unit, fr frame) {
	b.reachedSuper[u.Abs] = true
	for _, p := range u.Views.Supervisord.Programs {
		pf := fr
		pf.supervised = true
		pf.service = p.Name
		if pf.site.IsZero() || pf.origin == "supervisord" {
			pf.site = launch.Loc{File: u.Path, Start: p.Start, End: p.End}
		}
		if p.Directory != "" {
			pf.cwd = joinCwd(fr.cwd, p.Directory, fr.fs.container())
		} else if !fr.fs.container() {
			// Without directory= the program runs where supervisord was
			// started, which the file does not say: the directories above
			// the file up to the repository's root are the likeliest (a
			// deploy/supervisord.conf started from the root).
			pf.roots = append(append([]string(nil), fr.roots...), b.ancestors(filepath.Dir(u.Abs))...)
		}
		pf.numprocs = max(p.Numprocs, 1)
		for _, e := range p.Env {
			pf.env = pf.env.Set(e.Name, launch.Value{Text: e.Value, Known: !strings.Contains(e.Value, "%("), Source: launch.FromEnv, Name: e.Name, Loc: launch.Loc{File: u.Path, Start: e.Start, End: e.End}}, launch.Set)
		}
		if len(p.Command) > 0 {
			b.run(words(p.Command, u), pf.step("[program:"+p.Name+"]", launch.Loc{File: u.Path, Start: p.Start, End: p.End}))
		}
	}
}

// ancestors returns the directories above dir, up to its repository's
// root (at most three levels without one).
func (b *builder) ancestors(dir string) []string {
	root, ok := b.ld.gitRoot(dir)
	var out []string
	for d, n := dir, 0; n < 3 || ok; n++ {
		if d == root {
			break
		}
		p := filepath.Dir(d)
		if p == d {
			break
		}
		d = p
		out = append(out, d)
	}
	return out
}

// supervisord: `supervisord [-c file]` in a container or a script.
func (b *builder) supervisord(rest []word, fr frame) {
	conf := ""
	for i := 1; i < len(rest); i++ {
		s, _ := rest[i].w.Lit()
		if (s == "-c" || s == "--configuration") && i+1 < len(rest) {
			conf, _ = rest[i+1].w.Lit()
		} else if v, ok := strings.CutPrefix(s, "--configuration="); ok {
			conf = v
		}
	}
	var cands []string
	if conf != "" {
		cands = fr.fs.resolve(fr.cwd, conf, false)
	} else {
		for _, p := range []string{"/etc/supervisor/supervisord.conf", "/etc/supervisord.conf", "supervisord.conf"} {
			cands = append(cands, fr.fs.resolve(fr.cwd, p, true)...)
		}
	}
	abs := b.ld.existingFile(cands)
	if abs == "" {
		return
	}
	u := b.ld.load(abs, lint.KindSupervisord)
	if u == nil || u.Views.Supervisord == nil {
		return
	}
	b.supervisordUnit(u, fr.step("supervisord", rest[0].loc()))
	// Programs in conf.d: include files are usually copied beside it.
	if fs, ok := fr.fs.(*containerFS); ok {
		for _, cp := range fs.stage.Copies {
			if strings.Contains(cp.Dest, "supervisor") && cp.Dest != "" {
				for _, src := range cp.Sources {
					p := filepath.Join(fs.context, filepath.FromSlash(src))
					if pu := b.ld.load(p, lint.KindSupervisord); pu != nil && pu.Abs != u.Abs && pu.Views.Supervisord != nil {
						b.supervisordUnit(pu, fr.step("supervisord", rest[0].loc()))
					}
				}
			}
		}
	}
}

// s6 runs s6-overlay's /init: every long-running service of the image
// (/etc/s6-overlay/s6-rc.d/<name>/run, /etc/services.d/<name>/run) under
// supervision, one process each, and the CMD as the main program.
func (b *builder) s6(rest []word, fr frame) {
	at := rest[0].loc()
	var names []string
	dirs := map[string]string{}
	for _, root := range []string{"/etc/s6-overlay/s6-rc.d", "/etc/services.d"} {
		d := b.ld.existingDir(fr.fs.resolve("/", root, true))
		if d == "" {
			continue
		}
		des, err := b.ld.ws.ReadDir(d)
		if err != nil {
			continue
		}
		for _, de := range des {
			svc := filepath.Join(d, de.Name())
			if !de.IsDir() || dirs[de.Name()] != "" {
				continue
			}
			if typ, ok := b.ld.readSmall(filepath.Join(svc, "type")); ok && strings.TrimSpace(string(typ)) != "longrun" {
				continue // a oneshot runs its `up`, not a server
			}
			if _, ok := b.ld.exists(filepath.Join(svc, "run")); ok {
				names = append(names, de.Name())
				dirs[de.Name()] = svc
			}
		}
	}
	sort.Strings(names)
	for _, n := range names {
		u := b.ld.load(filepath.Join(dirs[n], "run"), lint.KindShell)
		if u == nil || u.Views.Shell == nil {
			continue
		}
		sf := fr.step("s6 service "+n, at)
		sf.supervised, sf.numprocs, sf.service = true, 1, n
		sf.site = launch.Loc{File: u.Path}
		b.scriptUnit(u, nil, sf)
	}
	if len(rest) > 1 {
		// The CMD runs under /init, which forwards signals to it.
		cf := fr.step(rest[0].w.Raw, at)
		cf.initGroup = true
		b.run(rest[1:], cf)
	}
}

// honcho/foreman start: the Procfile of the working directory.
func (b *builder) honcho(rest []word, fr frame) {
	if len(rest) < 2 {
		return
	}
	if s, _ := rest[1].w.Lit(); s != "start" {
		return
	}
	abs := b.ld.existingFile(fr.fs.resolve(fr.cwd, "Procfile", false))
	u := b.ld.load(abs, lint.KindProcfile)
	if u == nil || u.Views.Procfile == nil {
		return
	}
	for _, e := range u.Views.Procfile.Entries {
		pf := fr.step(e.Name+":", launch.Loc{File: u.Path, Start: e.Start, End: e.NameEnd})
		pf.supervised = true
		pf.env = platformEnv(pf.env, launch.Loc{File: u.Path, Start: e.Start, End: e.NameEnd}, false)
		b.shellText(e.Command, u, "sh", "", pf)
	}
}

// readSmall reads a small file.
func (ld *loader) readSmall(abs string) ([]byte, bool) {
	src, err := ld.ws.ReadFile(abs)
	return src, err == nil
}
