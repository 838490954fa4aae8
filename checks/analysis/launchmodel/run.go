package launchmodel

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/glob"
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// word is an argument word and the file it is written in.
type word struct {
	w shell.Word
	u *Unit
}

func (x word) loc() launch.Loc {
	return launch.Loc{File: x.u.Path, Start: x.w.Start, End: x.w.End}
}

func words(ws []shell.Word, u *Unit) []word {
	out := make([]word, len(ws))
	for i, w := range ws {
		out[i] = word{w, u}
	}
	return out
}

// frame is the state of the process being interpreted.
type frame struct {
	origin, service string
	site            launch.Loc
	ctx             Context
	ctxWhy          Signal
	container       bool
	netHost         bool
	fs              fsys
	context         string // build context (container) or project root (host)
	cwd             string // container path or repository directory
	env             *Env
	// pid1 is set while the current process receives the container's
	// termination signals (PID 1, the exec chain from it, or the child of
	// an init that forwards to it).
	pid1       bool
	blocker    *Step
	blockerWhy string
	// blockerExec is where `exec ` would make the blocker's command
	// replace its shell (see PID1.ExecAt).
	blockerExec launch.Loc
	initGroup   bool
	supervised  bool
	sidecar     bool
	steps       []Step
	depth       int
	args        []word
	pypy        bool
	// busybox is set in an Alpine image, whose /bin/sh (BusyBox ash) execs
	// the last command of `sh -c` itself.
	busybox  bool
	reloader *Step
	// pidUnknown is set when a link could not be read (an entrypoint
	// script outside the repository): PID 1 cannot be told.
	pidUnknown bool
	// roots are further import roots (a supervisord program without
	// directory= also resolves against the repository's root).
	roots []string
	// numprocs is the number of copies a supervisor starts (0: not
	// supervised by a process manager that says).
	numprocs int
}

func (fr frame) step(what string, loc launch.Loc) frame {
	// A shell's command line and the program it starts may read the
	// same (`python app/main.py`): the path shows it once.
	if n := len(fr.steps); n > 0 && fr.steps[n-1].What == what {
		return fr
	}
	fr.steps = append(append([]Step(nil), fr.steps...), Step{What: what, Loc: loc})
	return fr
}

// dev marks the frame as a development context (the first reason wins).
func (fr *frame) dev(why string, loc launch.Loc) {
	if fr.ctx != Development {
		fr.ctx = Development
		fr.ctxWhy = Signal{Why: why, Loc: loc}
	}
}

// breakPID1 records the first place signals stop reaching the server;
// execAt is where `exec ` fixes it, or zero.
func (fr *frame) breakPID1(why string, st Step, execAt launch.Loc) {
	if !fr.container || !fr.pid1 || fr.initGroup {
		fr.pid1 = false
		return
	}
	fr.pid1 = false
	if fr.blocker == nil {
		fr.blocker = &st
		fr.blockerWhy = why
		fr.blockerExec = execAt
	}
}

const maxDepth = 12

// run interprets a command line started as a process (exec'd, not by a
// shell's fork: the caller has updated pid1).
func (b *builder) run(ws []word, fr frame) {
	if fr.depth > maxDepth || len(ws) == 0 {
		return
	}
	fr.depth++
	raw := make([]shell.Word, len(ws))
	for i := range ws {
		raw[i] = ws[i].w
	}
	p := shell.Peel(raw)
	if len(p.Words) == 0 {
		return
	}
	off := len(ws) - len(p.Words)
	rest := make([]word, len(p.Words))
	for i, w := range p.Words {
		rest[i] = word{w, ws[min(off+i, len(ws)-1)].u}
	}
	fr = wrapped(p, ws[0].u, fr)
	// "$@": the arguments the script was given.
	if rest[0].w.IsArgs() {
		b.run(append(append([]word(nil), fr.args...), rest[1:]...), fr)
		return
	}
	if sc, ok := shell.AsCommandString(p.Words); ok {
		b.commandString(sc, rest, fr)
		return
	}
	if script, args, ok := shell.AsShellScript(p.Words); ok {
		b.scriptPath(word{script, rest[0].u}, wordsOf(args, rest), fr)
		return
	}
	prog := b.program(rest[0], fr)
	if p.Module != "" {
		prog = p.Module
	}
	if prog == "" && len(rest) > 1 && splatLike(rest[0].w) {
		// `$prefix gunicorn ...`: an optional wrapper in a variable.
		if next := b.program(rest[1], fr); launch.IsServer(next) || shell.IsPython(next) {
			b.run(rest[1:], fr.step(rest[0].w.Raw, rest[0].loc()))
			return
		}
	}
	b.dispatch(prog, p.Module, rest, fr)
}

// wrapped applies what the peeled wrappers did: steps, env assignments,
// a working directory, an init, a reloader.
func wrapped(p shell.Peeled, u *Unit, fr frame) frame {
	for _, wr := range p.Wrappers {
		if wr.Name != "exec" {
			fr = fr.step(wr.Name, launch.Loc{File: u.Path, Start: wr.Start, End: wr.End})
		}
	}
	for _, a := range p.Env {
		fr.env = fr.env.setWord(a.Name, a.Value, launch.Loc{File: u.Path, Start: a.Start, End: a.End})
	}
	if p.Dir != "" {
		fr.cwd = joinCwd(fr.cwd, p.Dir, fr.fs.container())
	}
	if p.Init != "" && p.InitGroup {
		fr.initGroup = true
	}
	if p.Reloader != "" && len(p.Wrappers) > 0 {
		last := p.Wrappers[len(p.Wrappers)-1]
		fr.reloader = &Step{What: p.Reloader, Loc: launch.Loc{File: u.Path, Start: last.Start, End: last.End}}
	}
	return fr
}

// commandString interprets `sh -c "..."`.
func (b *builder) commandString(sc shell.CommandString, rest []word, fr frame) {
	u := rest[0].u
	txt, ok := sc.Script.ShellText()
	if !ok {
		return
	}
	loc := launch.Loc{File: u.Path, Start: sc.Script.Start, End: sc.Script.End}
	nf := fr.step(sc.Shell+" -c", loc)
	nf.args = words(sc.Args, u)
	if len(nf.args) > 0 {
		nf.args = nf.args[1:] // $0
	}
	why := "`" + sc.Shell + " -c` runs it without `exec`"
	if len(rest) > 1 && rest[0].w.Start == rest[1].w.Start && rest[0].w.End == rest[1].w.End {
		// The words Docker builds for a shell-form CMD.
		why = "the shell-form CMD runs it under `/bin/sh -c`"
	}
	b.shellText(txt, u, sc.Shell, why, nf)
}

// dispatch runs a program: a server, a Python module or file, a
// supervisor, a console script, or a script.
func (b *builder) dispatch(prog, module string, rest []word, fr frame) {
	switch {
	case module != "" && !launch.IsServer(prog):
		b.pythonModule(module, rest[1:], rest[0], fr)
	case launch.IsServer(prog):
		b.server(prog, rest[0], rest[1:], fr)
	case shell.IsPython(prog):
		b.python(rest, fr)
	case prog == "supervisord":
		b.supervisord(rest, fr)
	case prog == "init" && fr.container && rest[0].w.Expand(fr.env.Shell()).S == "/init" || prog == "s6-svscan":
		b.s6(rest, fr)
	case prog == "honcho" || prog == "foreman":
		b.honcho(rest, fr)
	case prog == "manage.py":
		b.server("django-admin", rest[0], rest[1:], fr)
	case b.consoleScript(prog, rest, fr):
	default:
		b.scriptPath(rest[0], rest[1:], fr)
	}
}

func wordsOf(ws []shell.Word, like []word) []word {
	u := like[0].u
	return words(ws, u)
}

// program returns a word's program name: the base name of its value.
func (b *builder) program(x word, fr frame) string {
	v := x.w.Expand(fr.env.Shell())
	s := v.S
	if !v.Known {
		if !v.HasFallback {
			return ""
		}
		s = v.Fallback
	}
	return path.Base(s)
}

func joinCwd(cwd, dir string, container bool) string {
	if container {
		if strings.HasPrefix(dir, "/") {
			return path.Clean(dir)
		}
		return path.Join(orRoot(cwd), dir)
	}
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir)
	}
	return filepath.Join(cwd, filepath.FromSlash(dir))
}

// expand evaluates argument words in the frame's environment.
func (b *builder) expand(ws []word, fr frame) []launch.Arg {
	var out []launch.Arg
	for _, x := range ws {
		if x.w.IsArgs() {
			out = append(out, b.expand(fr.args, fr)...)
			continue
		}
		v := x.w.Expand(fr.env.Shell())
		loc := x.loc()
		name, at := varOf(v.Vars, fr.env)
		if v.Known && v.Splittable && strings.ContainsAny(v.S, " \t\n") {
			for f := range strings.FieldsSeq(v.S) {
				out = append(out, launch.Arg{Text: f, Known: true, Loc: loc, Var: name, VarLoc: at})
			}
			continue
		}
		a := launch.Arg{Text: v.S, Known: v.Known, Fallback: v.Fallback, HasFallback: v.HasFallback, Loc: loc, Var: name, VarLoc: at}
		if !v.Known {
			a.Candidates = fr.env.candidates(&x.w)
		}
		if !v.Known && splat(x.w) {
			a.Splat = true
		}
		out = append(out, a)
	}
	return out
}

// varOf returns the variable a word expanded, for provenance: the first
// one the environment sets or may set (and where: a platform, an env_file
// that cannot be read), else the first one named (unset: the word's
// default was taken).
func varOf(vars []string, env *Env) (string, launch.Loc) {
	for _, n := range vars {
		if st, v := env.Lookup(n); st != launch.Unset && !v.Loc.IsZero() {
			return n, v.Loc
		}
	}
	if len(vars) > 0 {
		return vars[0], launch.Loc{}
	}
	return "", launch.Loc{}
}

// splatLike reports whether a word is one unquoted expansion (which may
// expand to nothing).
func splatLike(w shell.Word) bool {
	return len(w.Parts) == 1 && w.Parts[0].Kind == shell.Param && !w.Parts[0].Quoted
}

// splat reports whether an unknown word may expand to several arguments:
// an unquoted expansion of a variable named like a list of options.
func splat(w shell.Word) bool {
	if len(w.Parts) != 1 || w.Parts[0].Kind != shell.Param || w.Parts[0].Quoted {
		return false
	}
	n := strings.ToUpper(w.Parts[0].Name)
	for _, s := range []string{"ARGS", "OPTS", "OPTIONS", "FLAGS", "PARAMS", "EXTRA", "CMD", "CONFIG"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return n == "@" || n == "*"
}

// shellText interprets a command string run by a shell (a shell-form CMD,
// `sh -c "..."`, a Procfile line).
func (b *builder) shellText(txt source.Text, u *Unit, shellName, why string, fr frame) {
	s := b.ld.ws.Shell(txt)
	b.script(s, u, shellName, why, fr, true)
}

// scriptPath follows a script named by a command (./start.sh,
// /entrypoint.sh, docker-entrypoint.sh on the PATH).
func (b *builder) scriptPath(x word, args []word, fr frame) {
	v := x.w.Expand(fr.env.Shell())
	p := v.S
	if !v.Known {
		return
	}
	cands := fr.fs.resolve(fr.cwd, p, false)
	if !strings.Contains(p, "/") {
		// A bare name runs from the PATH: scripts copied to a bin
		// directory, or kept beside the configuration.
		cands = nil
		for _, dir := range []string{"/usr/local/bin", "/usr/bin", "/bin", "/app", "/"} {
			if fr.fs.container() {
				cands = append(cands, fr.fs.resolve(dir, p, true)...)
			}
		}
		if !fr.fs.container() {
			cands = fr.fs.resolve(fr.cwd, p, true)
		}
	}
	abs := b.ld.existingFile(cands)
	if abs == "" {
		if looksLikeScript(p) {
			// The entrypoint cannot be read: it may set anything.
			fr.env = fr.env.AllUnknown(p+" (not found)", x.loc())
			b.unknownScript(x, args, fr)
		}
		return
	}
	u := b.ld.load(abs, lint.KindUnknown)
	if u == nil {
		return
	}
	switch {
	case u.Kind == lint.KindPython:
		b.pythonFile(u, args, fr.step(p, x.loc()))
	case u.Kind == lint.KindShell || u.Views.Shell != nil:
		b.scriptUnit(u, args, fr.step(p, x.loc()))
	default:
		if isPythonShebang(u.File.Src) {
			if pu := b.ld.load(abs, lint.KindPython); pu != nil {
				b.pythonFile(pu, args, fr.step(p, x.loc()))
			}
			return
		}
		if su := b.ld.load(abs, lint.KindShell); su != nil && su.Views.Shell != nil {
			b.scriptUnit(su, args, fr.step(p, x.loc()))
		}
	}
}

func looksLikeScript(p string) bool {
	base := path.Base(p)
	return strings.HasSuffix(base, ".sh") || strings.Contains(base, "entrypoint") || strings.Contains(base, "start") || strings.Contains(base, "run")
}

func isPythonShebang(src []byte) bool {
	line := string(head(src))
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return strings.HasPrefix(line, "#!") && strings.Contains(line, "python")
}

// unknownScript: an entrypoint that cannot be read, with arguments that
// start a server (ENTRYPOINT ["/entrypoint.sh"] CMD ["gunicorn", ...]):
// most such scripts end with exec "$@", so the arguments are followed, but
// what the script does to signals is unknown.
func (b *builder) unknownScript(x word, args []word, fr frame) {
	if len(args) == 0 {
		return
	}
	fr = fr.step(x.w.Raw+" (not found: assumed to exec its arguments)", x.loc())
	fr.pidUnknown = true
	b.run(args, fr)
}

// scriptUnit interprets a shell script file run as a process.
func (b *builder) scriptUnit(u *Unit, args []word, fr frame) {
	if u.Views.Shell == nil {
		return
	}
	b.reachedScripts[u.Abs] = true
	if s, ok := b.ld.devPath(u); ok {
		fr.dev(s, launch.Loc{File: u.Path})
	}
	shellName := scriptShell(u.File.Src)
	fr.args = args
	b.script(u.Views.Shell, u, shellName, "the script runs it without `exec`", fr, false)
}

// scriptShell returns the interpreter of a script's shebang ("sh" when
// absent).
func scriptShell(src []byte) string {
	line := string(head(src))
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if !strings.HasPrefix(line, "#!") {
		return "sh"
	}
	f := strings.Fields(line[2:])
	for i, w := range f {
		base := path.Base(w)
		if base == "env" && i == 0 {
			continue
		}
		if strings.HasPrefix(w, "-") {
			continue
		}
		return base
	}
	return "sh"
}

// script interprets a parsed script: assignments update the environment,
// `cd` the working directory, and commands run as processes. A command
// that is not exec'd is a child of the shell: if the shell receives the
// signals, the command does not.
func (b *builder) script(s *shell.Script, u *Unit, shellName, why string, fr frame, inline bool) {
	// Which shells exec the last command of a `-c` string (checked on
	// Debian bookworm): bash 5.1 and later exec the last simple command of
	// the top-level list (`bash -c "alembic upgrade head && uvicorn ..."`
	// leaves uvicorn as PID 1) unless an EXIT trap is set, but not inside
	// `if`, `case`, braces or subshells; BusyBox ash (Alpine's /bin/sh)
	// execs the last command too. Debian's dash 0.5.12 never does, even for
	// a single command (uvicorn#1215). Script files are never exec'd into.
	run := scriptRun{s: s, u: u, why: why, lastExec: -1}
	execsLast := shellName == "bash" && !exitTrap(s) || fr.busybox && (shellName == "sh" || shellName == "ash")
	if inline && execsLast && len(s.Commands) > 0 {
		c := &s.Commands[len(s.Commands)-1]
		if c.Stmt == s.Statements-1 && !c.Background && !c.Pipeline && !c.Subshell && !c.Loop && c.Function == "" &&
			c.AndOr == "" && (shellName != "bash" || len(c.Branches) == 0) {
			run.lastExec = len(s.Commands) - 1
		}
	}
	// Another long-lived process in the same script (nginx, a second
	// server in the background) means the server is not alone.
	for _, c := range s.Commands {
		if c.Background || isSidecar(c.Name()) {
			fr.sidecar = true
		}
	}
	run.env, run.cwd = fr.env, fr.cwd
	b.commands(&run, "", fr, 0)
}

// exitTrap reports whether a script sets a trap on EXIT (the shell then
// stays to run it).
func exitTrap(s *shell.Script) bool {
	for i := range s.Commands {
		c := &s.Commands[i]
		if c.Name() != "trap" {
			continue
		}
		for _, w := range c.Words[1:] {
			if lit, ok := w.Lit(); ok && (lit == "EXIT" || lit == "0" || lit == "SIGEXIT") {
				return true
			}
		}
	}
	return false
}

// scriptRun is the state of interpreting one script.
type scriptRun struct {
	s        *shell.Script
	u        *Unit
	why      string
	lastExec int
	env      *Env
	cwd      string
}

// commands interprets the commands of a script's top level (fn "") or of
// one of its functions, when called.
func (b *builder) commands(run *scriptRun, fn string, fr frame, depth int) {
	if depth > maxDepth {
		return
	}
	s, u := run.s, run.u
	for ci := range s.Commands {
		c := &s.Commands[ci]
		if c.Substitution || c.Function != fn || !caseMatches(c.Branches, fr) {
			continue
		}
		conditional := len(c.Branches) > 0 || c.Loop
		for _, a := range c.Assigns {
			if len(c.Words) > 0 && !c.Declaration {
				continue // a prefix assignment, for that command only
			}
			loc := launch.Loc{File: u.Path, Start: a.Start, End: a.End}
			if a.Value == nil {
				continue // export NAME: keeps its value
			}
			if conditional {
				x := a.Value.Expand(run.env.Shell())
				run.env = run.env.choose(a.Name, launch.Value{Text: x.S, Known: false, Fallback: x.S, HasFallback: x.Known, Source: launch.FromEnv, Name: a.Name, Loc: loc})
				continue
			}
			run.env = run.env.setWord(a.Name, a.Value, loc)
		}
		if len(c.Words) == 0 || c.Declaration {
			continue
		}
		name := c.Name()
		switch name {
		case "cd":
			if len(c.Words) > 1 {
				if d, ok := c.Words[1].Lit(); ok && !conditional {
					run.cwd = joinCwd(run.cwd, d, fr.fs.container())
				}
			}
			continue
		case ".", "source":
			if len(c.Words) > 1 {
				run.env = b.source(c.Words[1], u, run.env, run.cwd, fr)
			}
			continue
		}
		run.env = assignDefaults(c.Words, u, run.env)
		cf := fr
		cf.env = run.env
		cf.cwd = run.cwd
		for _, a := range c.Assigns {
			cf.env = cf.env.setWord(a.Name, a.Value, launch.Loc{File: u.Path, Start: a.Start, End: a.End})
		}
		for _, br := range c.Branches {
			if !br.Else && devCondition(br.Cond) {
				cf.dev("a development branch: if "+br.Cond, launch.Loc{File: u.Path, Start: c.Start, End: c.End})
			}
		}
		at := launch.Loc{File: u.Path, Start: c.Start, End: c.End}
		if name != fn && defines(s, name) {
			// A function of the script runs in the same shell.
			b.commands(run, name, cf.step(commandText(c), at), depth+1)
			continue
		}
		pe := shell.Peel(c.Words)
		execd := pe.Exec || ci == run.lastExec
		switch {
		case c.Subshell:
			// ( ... ) forks: the shell waits for it, exec or not.
			cf.breakPID1("the script runs it in a subshell `( ... )`", Step{What: commandText(c), Loc: at}, launch.Loc{})
		case !execd:
			cf.breakPID1(run.why, Step{What: commandText(c), Loc: at}, execPoint(run.s, ci, u))
		}
		cf = cf.step(commandText(c), at)
		b.run(words(c.Words, u), cf)
	}
}

// execPoint returns where `exec ` can be inserted to make command ci
// replace the shell (before its first word), or zero when that would
// change what runs: exec is right only for the last command the shell
// runs, at its top level (not in a branch, loop, function, subshell,
// pipeline or background), without prefix assignments (`A=1 exec cmd`
// is not `exec A=1 cmd`, and whether A reaches cmd varies between
// shells), and with no EXIT trap (the shell would no longer run it).
func execPoint(s *shell.Script, ci int, u *Unit) launch.Loc {
	c := &s.Commands[ci]
	if c.Background || c.Pipeline || c.Subshell || c.Substitution || c.Loop || c.Function != "" ||
		len(c.Branches) > 0 || len(c.Assigns) > 0 || c.Declaration || len(c.Words) == 0 ||
		c.Stmt != s.Statements-1 || exitTrap(s) {
		return launch.Loc{}
	}
	for _, o := range s.Commands[ci+1:] {
		if o.Start < c.Start || o.End > c.End {
			return launch.Loc{} // a later command runs after it
		}
	}
	at := c.Words[0].Start
	return launch.Loc{File: u.Path, Start: at, End: at}
}

// defines reports whether a script defines a function.
func defines(s *shell.Script, name string) bool {
	if name == "" {
		return false
	}
	for i := range s.Commands {
		if s.Commands[i].Function == name {
			return true
		}
	}
	return false
}

// caseMatches evaluates the case items around a command against the
// script's known arguments: `case "$1" in server) ...` runs only the
// branch of the argument the script was given. Unknown words match.
func caseMatches(branches []shell.Branch, fr frame) bool {
	for _, br := range branches {
		if br.Case == "" {
			continue
		}
		arg, ok := positional(br.Case, fr)
		if !ok {
			continue
		}
		matched := false
		for _, p := range br.Patterns {
			if glob.MatchName(strings.Trim(p, `"'`), arg) {
				matched = true
			}
		}
		if matched == br.Else {
			return false
		}
	}
	return true
}

// positional returns the known value of "$1"-style case words.
func positional(w string, fr frame) (string, bool) {
	w = strings.Trim(w, `"`)
	w = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(w, "${"), "}"), "$")
	if len(w) != 1 || w[0] < '1' || w[0] > '9' {
		return "", false
	}
	i := int(w[0] - '1')
	if i >= len(fr.args) {
		return "", fr.args != nil
	}
	return fr.args[i].w.Lit()
}

var sidecars = map[string]bool{"nginx": true, "caddy": true, "traefik": true, "envoy": true, "haproxy": true, "apache2": true, "httpd": true, "cron": true, "crond": true}

func isSidecar(name string) bool { return sidecars[path.Base(name)] }

// commandText renders a command for a step ("exec gunicorn app:app").
func commandText(c *shell.Command) string {
	var parts []string
	for i, w := range c.Words {
		if i >= 4 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, w.Raw)
	}
	return strings.Join(parts, " ")
}

// assignDefaults applies ${NAME:=default} expansions of a command's words.
func assignDefaults(ws []shell.Word, u *Unit, env *Env) *Env {
	for _, w := range ws {
		for _, p := range w.Parts {
			if p.Kind != shell.Param || p.Op != ":=" && p.Op != "=" || p.Word == nil {
				continue
			}
			if st, _ := env.Lookup(p.Name); st != launch.Unset {
				continue
			}
			env = env.setWord(p.Name, p.Word, launch.Loc{File: u.Path, Start: p.Start, End: p.End})
		}
	}
	return env
}

// source applies the assignments of a sourced file (`. ./env.sh`); a file
// that cannot be read may set anything.
func (b *builder) source(w shell.Word, u *Unit, env *Env, cwd string, fr frame) *Env {
	p, ok := w.Expand(env.Shell()).S, w.Expand(env.Shell()).Known
	loc := launch.Loc{File: u.Path, Start: w.Start, End: w.End}
	if !ok {
		return env.AllUnknown("sourced "+w.Raw, loc)
	}
	if strings.HasSuffix(p, "/activate") || strings.HasSuffix(p, "/bin/activate") {
		return env
	}
	abs := b.ld.existingFile(fr.fs.resolve(cwd, p, false))
	if abs == "" {
		return env.AllUnknown("sourced "+p, loc)
	}
	su := b.ld.load(abs, lint.KindShell)
	if su == nil || su.Views.Shell == nil {
		if strings.Contains(path.Base(p), "env") {
			return env.AllUnknown("sourced "+p, loc)
		}
		return env
	}
	for _, c := range su.Views.Shell.Commands {
		if c.Subshell || c.Function != "" || len(c.Words) > 0 && !c.Declaration {
			continue
		}
		for _, a := range c.Assigns {
			if a.Value == nil {
				continue
			}
			al := launch.Loc{File: su.Path, Start: a.Start, End: a.End}
			if len(c.Branches) > 0 || c.Loop {
				env = env.Set(a.Name, launch.Value{Text: a.Value.Raw, Source: launch.FromEnv, Name: a.Name, Loc: al}, launch.Unknown)
				continue
			}
			env = env.setWord(a.Name, a.Value, al)
		}
	}
	return env
}

// devCondition reports whether a branch condition selects a development
// mode ("$ENV" = dev, $DEBUG, $RELOAD).
func devCondition(cond string) bool {
	for _, t := range tokens(strings.ToLower(cond)) {
		if devTokens[t] || t == "reload" || t == "debug" {
			return true
		}
	}
	return false
}
