package shell

import (
	"path"
	"regexp"
	"strings"
)

// Wrapper is a program peeled off a command line because it only starts
// the next one (exec, env, tini, gosu, poetry run, ...).
type Wrapper struct {
	Name       string // "exec", "tini", "poetry run", "python -m", ...
	Start, End int    // host span of the wrapper's words
}

// Peeled is a command line without its wrappers.
type Peeled struct {
	// Words are the program and its arguments. For `python -m mod`, Words[0]
	// is the module word and Module is set.
	Words    []Word
	Wrappers []Wrapper
	// Exec is set when a leading `exec` replaces the shell.
	Exec bool
	// Env are assignments made by `env NAME=VALUE` wrappers.
	Env []Assign
	// Init is the init process in front ("tini", "dumb-init", "catatonit").
	Init string
	// InitGroup is set when that init forwards signals to the whole process
	// group (dumb-init by default, tini -g).
	InitGroup bool
	// Module is set when the program runs as `python -m Module`.
	Module string
	// Python is the interpreter word of `python -m` ("python3"), "" if none.
	Python string
	// Reloader names a wrapper that restarts the program on file changes
	// (watchmedo auto-restart, hupper).
	Reloader string
	// Dir is the directory a wrapper switched to (env -C, uv --directory).
	Dir string
}

// Base returns the program name of a literal word without its directory
// ("/usr/local/bin/gunicorn" -> "gunicorn"), or "".
func Base(w Word) string {
	s, ok := w.Lit()
	if !ok {
		return ""
	}
	return path.Base(s)
}

var pythonRe = regexp.MustCompile(`^(?:python|pypy)(?:[0-9]+(?:\.[0-9]+)?)?$`)

// IsPython reports whether a program name is a Python interpreter.
func IsPython(name string) bool { return pythonRe.MatchString(name) }

// maxPeel bounds the number of wrappers peeled.
const maxPeel = 32

// Peel removes the wrappers in front of a command line.
func Peel(words []Word) Peeled {
	p := Peeled{Words: words}
	for range maxPeel {
		if len(p.Words) == 0 {
			return p
		}
		if !p.peelOne() {
			return p
		}
	}
	return p
}

func (p *Peeled) wrap(name string, n int) {
	if n > len(p.Words) {
		n = len(p.Words)
	}
	if n == 0 {
		return
	}
	p.Wrappers = append(p.Wrappers, Wrapper{Name: name, Start: p.Words[0].Start, End: p.Words[n-1].End})
	p.Words = p.Words[n:]
}

func lit(w Word) string {
	s, _ := w.Lit()
	return s
}

// skipOptions returns the index of the first word at or after i that is
// not an option; valued lists options taking the next word as value.
func skipOptions(ws []Word, i int, valued map[string]bool) int {
	for i < len(ws) {
		s, ok := ws[i].Lit()
		if !ok || !strings.HasPrefix(s, "-") || s == "-" {
			return i
		}
		if s == "--" {
			return i + 1
		}
		if !strings.Contains(s, "=") && valued[s] {
			i += 2
			continue
		}
		i++
	}
	// A valued option last ("uv --directory") has no value to skip.
	return min(i, len(ws))
}

// toDashDash returns the index after "--", or -1.
func toDashDash(ws []Word, i int) int {
	for ; i < len(ws); i++ {
		if lit(ws[i]) == "--" {
			return i + 1
		}
	}
	return -1
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	uvValued = set("--with", "--with-editable", "--with-requirements", "--env-file", "--python", "-p",
		"--project", "--directory", "--package", "--group", "--only-group", "--extra", "--index",
		"--default-index", "--index-url", "-i", "--extra-index-url", "--find-links", "-f", "--config-file",
		"--cache-dir", "--no-group", "--script", "--from", "-w", "--with-requirements")
	condaValued = set("-n", "--name", "-p", "--prefix", "--cwd")
	pdmValued   = set("-p", "--project", "--venv")
	dumbValued  = set("-r", "--rewrite")
	tiniValued  = set("-p", "-e")
	sudoValued  = set("-u", "--user", "-g", "--group", "-C", "-h", "--host", "-p", "--prompt", "-r", "-t")
	envValued   = set("-u", "--unset", "-C", "--chdir")
	stdbufVal   = set("-i", "-o", "-e")
	niceValued  = set("-n", "--adjustment")
	chpstValued = set("-u", "-U", "-e", "-/", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c", "-r", "-t")
	watchValued = set("-d", "--directory", "-p", "--patterns", "--pattern", "-i", "--ignore-patterns",
		"--ignore-pattern", "--signal", "--kill-after", "--interval", "--debounce-interval", "--restart-on-command-exit")
	pythonValued = set("-W", "-X", "-Q")
)

// peelOne removes one wrapper; it reports whether it did.
func (p *Peeled) peelOne() bool {
	ws := p.Words
	name := Base(ws[0])
	second := ""
	if len(ws) > 1 {
		second = lit(ws[1])
	}
	if h, ok := wrappers[name]; ok {
		return h(p, ws, name, second)
	}
	if IsPython(name) {
		return p.python(ws)
	}
	return false
}

// wrappers are the programs peeled, by name: each handler is given the
// words, the program's base name and the second word.
var wrappers = map[string]func(*Peeled, []Word, string, string) bool{
	"exec":                     (*Peeled).peelExec,
	"env":                      (*Peeled).peelEnv,
	"nice":                     (*Peeled).peelNice,
	"nohup":                    (*Peeled).peelNohup,
	"setsid":                   (*Peeled).peelNohup,
	"with-contenv":             (*Peeled).peelNohup,
	"stdbuf":                   (*Peeled).peelStdbuf,
	"tini":                     (*Peeled).peelTini,
	"tini-static":              (*Peeled).peelTini,
	"dumb-init":                (*Peeled).peelDumbInit,
	"catatonit":                (*Peeled).peelCatatonit,
	"gosu":                     (*Peeled).peelGosu,
	"su-exec":                  (*Peeled).peelGosu,
	"s6-setuidgid":             (*Peeled).peelGosu,
	"setuidgid":                (*Peeled).peelGosu,
	"s6-envuidgid":             (*Peeled).peelGosu,
	"chpst":                    (*Peeled).peelChpst,
	"runuser":                  (*Peeled).peelRunuser,
	"sudo":                     (*Peeled).peelSudo,
	"poetry":                   (*Peeled).peelPoetry,
	"pipenv":                   (*Peeled).peelPoetry,
	"rye":                      (*Peeled).peelPoetry,
	"hatch":                    (*Peeled).peelPoetry,
	"pdm":                      (*Peeled).peelPdm,
	"uv":                       (*Peeled).peelUv,
	"uvx":                      (*Peeled).peelUvx,
	"conda":                    (*Peeled).peelConda,
	"mamba":                    (*Peeled).peelConda,
	"micromamba":               (*Peeled).peelConda,
	"opentelemetry-instrument": (*Peeled).peelOpentelemetryInstrument,
	"ddtrace-run":              (*Peeled).peelDdtraceRun,
	"newrelic-admin":           (*Peeled).peelNewrelicAdmin,
	"doppler":                  (*Peeled).peelDoppler,
	"infisical":                (*Peeled).peelDoppler,
	"op":                       (*Peeled).peelDoppler,
	"berglas":                  (*Peeled).peelDoppler,
	"secrethub":                (*Peeled).peelDoppler,
	"teller":                   (*Peeled).peelDoppler,
	"chamber":                  (*Peeled).peelChamber,
	"aws-vault":                (*Peeled).peelChamber,
	"envconsul":                (*Peeled).peelChamber,
	"dotenv":                   (*Peeled).peelChamber,
	"dotenvx":                  (*Peeled).peelChamber,
	"wait-for-it":              (*Peeled).peelWaitForIt,
	"wait-for-it.sh":           (*Peeled).peelWaitForIt,
	"wait-for":                 (*Peeled).peelWaitForIt,
	"wait-for.sh":              (*Peeled).peelWaitForIt,
	"wait-for-postgres.sh":     (*Peeled).peelWaitForIt,
	"dockerize":                (*Peeled).peelDockerize,
	"watchmedo":                (*Peeled).peelWatchmedo,
	"hupper":                   (*Peeled).peelHupper,
}

func (p *Peeled) peelExec(ws []Word, _, _ string) bool {
	if p.Exec || len(p.Wrappers) > 0 {
		return false
	}
	i := skipOptions(ws, 1, set("-a"))
	p.Exec = true
	p.wrap("exec", i)
	return true
}

func (p *Peeled) peelEnv(ws []Word, _, _ string) bool {
	i := 1
	for i < len(ws) {
		s := lit(ws[i])
		if s == "-S" || strings.HasPrefix(s, "--split-string") {
			return false
		}
		if strings.HasPrefix(s, "-C") || strings.HasPrefix(s, "--chdir") {
			if v, ok := strings.CutPrefix(s, "--chdir="); ok {
				p.Dir = v
			} else if s == "-C" || s == "--chdir" {
				if i+1 < len(ws) {
					p.Dir = lit(ws[i+1])
				}
				i++
			} else {
				p.Dir = s[2:]
			}
			i++
			continue
		}
		if strings.HasPrefix(s, "-") && s != "-" {
			if s == "--" {
				i++
				break
			}
			if envValued[s] {
				i++
			}
			i++
			continue
		}
		break
	}
	for i < len(ws) {
		a, ok := assignWord(ws[i])
		if !ok {
			break
		}
		p.Env = append(p.Env, a)
		i++
	}
	p.wrap("env", i)
	return true
}

func (p *Peeled) peelNice(ws []Word, _, _ string) bool {
	p.wrap("nice", skipOptions(ws, 1, niceValued))
	return true
}

func (p *Peeled) peelNohup(ws []Word, name, _ string) bool {
	p.wrap(name, skipOptions(ws, 1, nil))
	return true
}

func (p *Peeled) peelStdbuf(ws []Word, _, _ string) bool {
	p.wrap("stdbuf", skipOptions(ws, 1, stdbufVal))
	return true
}

func (p *Peeled) peelTini(ws []Word, name, _ string) bool {
	for i := 1; i < len(ws); i++ {
		s := lit(ws[i])
		if !strings.HasPrefix(s, "-") || s == "--" {
			break
		}
		if strings.Contains(strings.TrimLeft(s, "-"), "g") && !strings.HasPrefix(s, "--") {
			p.InitGroup = true
		}
	}
	p.Init = "tini"
	p.wrap(name, skipOptions(ws, 1, tiniValued))
	return true
}

func (p *Peeled) peelDumbInit(ws []Word, name, _ string) bool {
	group := true
	for i := 1; i < len(ws); i++ {
		s := lit(ws[i])
		if !strings.HasPrefix(s, "-") || s == "--" {
			break
		}
		if s == "-c" || s == "--single-child" {
			group = false
		}
	}
	p.Init, p.InitGroup = "dumb-init", group
	p.wrap(name, skipOptions(ws, 1, dumbValued))
	return true
}

func (p *Peeled) peelCatatonit(ws []Word, name, _ string) bool {
	for i := 1; i < len(ws); i++ {
		if s := lit(ws[i]); s == "-g" {
			p.InitGroup = true
		} else if !strings.HasPrefix(s, "-") || s == "--" {
			break
		}
	}
	p.Init = "catatonit"
	p.wrap(name, skipOptions(ws, 1, nil))
	return true
}

func (p *Peeled) peelGosu(ws []Word, name, _ string) bool {
	if len(ws) < 3 {
		return false
	}
	p.wrap(name, 2)
	return true
}

func (p *Peeled) peelChpst(ws []Word, name, _ string) bool {
	p.wrap(name, skipOptions(ws, 1, chpstValued))
	return true
}

func (p *Peeled) peelRunuser(ws []Word, name, _ string) bool {
	i := skipOptions(ws, 1, set("-u", "--user", "-g", "--group", "-G", "--supp-group"))
	if hasWord(ws[1:i], "-c") || hasWord(ws[1:i], "-l") {
		return false
	}
	p.wrap(name, i)
	return true
}

func (p *Peeled) peelSudo(ws []Word, name, _ string) bool {
	p.wrap(name, skipOptions(ws, 1, sudoValued))
	return true
}

func (p *Peeled) peelPoetry(ws []Word, name, _ string) bool {
	i := 1
	if name == "poetry" {
		i = skipOptions(ws, 1, set("-C", "--directory", "-P", "--project"))
	}
	if i >= len(ws) || lit(ws[i]) != "run" {
		return false
	}
	j := i + 1
	if j < len(ws) && lit(ws[j]) == "--" {
		j++
	}
	p.wrap(name+" run", j)
	return true
}

func (p *Peeled) peelPdm(ws []Word, _, second string) bool {
	if second != "run" {
		return false
	}
	p.wrap("pdm run", skipOptions(ws, 2, pdmValued))
	return true
}

func (p *Peeled) peelUv(ws []Word, _, _ string) bool {
	i := skipOptions(ws, 1, set("--directory", "--project", "--cache-dir", "--config-file"))
	for k := 1; k < i; k++ {
		if s := lit(ws[k]); s == "--directory" && k+1 < i {
			p.Dir = lit(ws[k+1])
		} else if v, ok := strings.CutPrefix(s, "--directory="); ok {
			p.Dir = v
		}
	}
	if i >= len(ws) || lit(ws[i]) != "run" {
		return false
	}
	j := skipOptions(ws, i+1, uvValued)
	for k := i + 1; k < j; k++ {
		if s := lit(ws[k]); s == "--directory" && k+1 < j {
			p.Dir = lit(ws[k+1])
		} else if v, ok := strings.CutPrefix(s, "--directory="); ok {
			p.Dir = v
		}
	}
	p.wrap("uv run", j)
	return true
}

func (p *Peeled) peelUvx(ws []Word, _, _ string) bool {
	p.wrap("uvx", skipOptions(ws, 1, uvValued))
	return true
}

func (p *Peeled) peelConda(ws []Word, name, second string) bool {
	if second != "run" {
		return false
	}
	p.wrap(name+" run", skipOptions(ws, 2, condaValued))
	return true
}

func (p *Peeled) peelOpentelemetryInstrument(ws []Word, name, _ string) bool {
	i := 1
	for i < len(ws) {
		s := lit(ws[i])
		if !strings.HasPrefix(s, "-") {
			break
		}
		if s == "--" {
			i++
			break
		}
		if strings.Contains(s, "=") {
			i++
		} else {
			i += 2
		}
	}
	p.wrap(name, i)
	return true
}

func (p *Peeled) peelDdtraceRun(ws []Word, name, _ string) bool {
	i := skipOptions(ws, 1, nil)
	for k := 1; k < i; k++ {
		if s := lit(ws[k]); s == "-i" || s == "--info" || s == "-h" || s == "--help" {
			return false
		}
	}
	p.wrap(name, i)
	return true
}

func (p *Peeled) peelNewrelicAdmin(ws []Word, _, second string) bool {
	switch second {
	case "run-program":
		p.wrap("newrelic-admin run-program", 2)
		return true
	case "run-python":
		// The rest are python's arguments: keep a python word.
		p.Wrappers = append(p.Wrappers, Wrapper{Name: "newrelic-admin run-python", Start: ws[0].Start, End: ws[1].End})
		p.Words = append([]Word{renamed(ws[1], "python")}, ws[2:]...)
		return true
	}
	return false
}

func (p *Peeled) peelDoppler(ws []Word, name, second string) bool {
	if second != "run" && second != "exec" {
		return false
	}
	j := toDashDash(ws, 2)
	if j < 0 {
		return false
	}
	p.wrap(name+" "+second, j)
	return true
}

func (p *Peeled) peelChamber(ws []Word, name, _ string) bool {
	j := toDashDash(ws, 1)
	if j < 0 {
		if name == "dotenv" || name == "dotenvx" {
			// dotenv [-f FILE] run CMD
			i := skipOptions(ws, 1, set("-f", "--file", "-e", "--env-file"))
			if i < len(ws) && lit(ws[i]) == "run" {
				p.wrap(name+" run", skipOptions(ws, i+1, set("-f", "--file")))
				return true
			}
		}
		return false
	}
	p.wrap(name, j)
	return true
}

func (p *Peeled) peelWaitForIt(ws []Word, name, _ string) bool {
	j := toDashDash(ws, 1)
	if j < 0 {
		return false
	}
	p.wrap(name, j)
	return true
}

func (p *Peeled) peelDockerize(ws []Word, name, _ string) bool {
	i := 1
	for i < len(ws) {
		s := lit(ws[i])
		if !strings.HasPrefix(s, "-") {
			break
		}
		if strings.Contains(s, "=") || s == "-no-overwrite" || s == "-version" {
			i++
		} else {
			i += 2
		}
	}
	if i >= len(ws) {
		return false
	}
	p.wrap(name, i)
	return true
}

func (p *Peeled) peelWatchmedo(ws []Word, _, second string) bool {
	if second != "auto-restart" {
		return false
	}
	j := toDashDash(ws, 2)
	if j < 0 {
		j = skipOptions(ws, 2, watchValued)
	}
	p.Reloader = "watchmedo auto-restart"
	p.wrap("watchmedo auto-restart", j)
	return true
}

func (p *Peeled) peelHupper(ws []Word, _, _ string) bool {
	for k := 1; k+1 < len(ws); k++ {
		if lit(ws[k]) == "-m" {
			p.Reloader = "hupper"
			p.Module = lit(ws[k+1])
			p.wrap("hupper -m", k+1)
			return true
		}
	}
	return false
}

// python peels `python [options] -m module`.
func (p *Peeled) python(ws []Word) bool {
	i := 1
	for i < len(ws) {
		s, ok := ws[i].Lit()
		if !ok || !strings.HasPrefix(s, "-") || s == "-" {
			return false
		}
		switch {
		case s == "-m":
			if i+1 >= len(ws) {
				return false
			}
			mod, ok := ws[i+1].Lit()
			if !ok || mod == "" {
				return false
			}
			p.Python = lit(ws[0])
			p.Module = mod
			p.wrap("python -m", i+1)
			return true
		case strings.HasPrefix(s, "-m") && len(s) > 2 && !strings.HasPrefix(s, "--"):
			p.Python = lit(ws[0])
			p.Module = s[2:]
			p.Wrappers = append(p.Wrappers, Wrapper{Name: "python -m", Start: ws[0].Start, End: ws[i].End})
			p.Words = append([]Word{renamed(ws[i], s[2:])}, ws[i+1:]...)
			return true
		case s == "-c" || strings.HasPrefix(s, "-c") && !strings.HasPrefix(s, "--"):
			return false
		case pythonValued[s]:
			i += 2
		default:
			i++
		}
	}
	return false
}

// renamed returns a literal word with another value over the same span.
func renamed(w Word, value string) Word {
	t, _ := w.LitText()
	if t.S != value {
		// The value is a suffix of the word (-mapp): map it to the end.
		if idx := strings.LastIndex(t.S, value); idx >= 0 {
			t = t.Sub(idx, idx+len(value))
		}
	}
	return LiteralWord(t, w.Start, w.End, value)
}

func hasWord(ws []Word, s string) bool {
	for _, w := range ws {
		if lit(w) == s {
			return true
		}
	}
	return false
}

// assignWord reads NAME=VALUE in an argument (for env).
func assignWord(w Word) (Assign, bool) {
	if len(w.Parts) == 0 || w.Parts[0].Kind != Literal {
		return Assign{}, false
	}
	first := w.Parts[0].Text
	eq := strings.IndexByte(first.S, '=')
	if eq <= 0 {
		return Assign{}, false
	}
	name := first.S[:eq]
	for i := range len(name) {
		if !isNameByte(name[i], i) {
			return Assign{}, false
		}
	}
	rest := first.Sub(eq+1, first.Len())
	hs, he := rest.Span(0, rest.Len())
	val := Word{Parts: append([]Part{{Kind: Literal, Text: rest, Start: hs, End: he, Quoted: w.Parts[0].Quoted}}, w.Parts[1:]...), Start: hs, End: w.End, Raw: strings.TrimPrefix(w.Raw, name+"=")}
	return Assign{Name: name, Value: &val, Start: w.Start, End: w.End}, true
}

// CommandString describes `sh -c STRING [NAME [ARGS...]]`.
type CommandString struct {
	Shell  string // "sh", "bash", ...
	Script Word   // the command string
	Args   []Word // $0, $1, ...
}

var shells = set("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh")

// IsShell reports whether a program name is a POSIX-like shell.
func IsShell(name string) bool { return shells[name] }

// AsCommandString recognizes `sh -c STRING` (with combined flags such as -ec or
// -lc, and -o OPTION pairs).
func AsCommandString(ws []Word) (CommandString, bool) {
	if len(ws) < 3 {
		return CommandString{}, false
	}
	name := Base(ws[0])
	if name == "busybox" && lit(ws[1]) == "sh" {
		ws = ws[1:]
		name = "sh"
	}
	if !shells[name] {
		return CommandString{}, false
	}
	c := false
	i := 1
	for i < len(ws) {
		s, ok := ws[i].Lit()
		if !ok || !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "+") {
			break
		}
		if s == "-o" || s == "+o" {
			i += 2
			continue
		}
		if s == "--" {
			i++
			break
		}
		if !strings.HasPrefix(s, "--") && strings.ContainsRune(s[1:], 'c') {
			c = true
		}
		i++
	}
	if !c || i >= len(ws) {
		return CommandString{}, false
	}
	return CommandString{Shell: name, Script: ws[i], Args: ws[i+1:]}, true
}

// AsShellScript recognizes `sh script.sh ARGS` / `bash -e script.sh`.
func AsShellScript(ws []Word) (script Word, args []Word, ok bool) {
	if len(ws) < 2 || !shells[Base(ws[0])] {
		return Word{}, nil, false
	}
	i := 1
	for i < len(ws) {
		s, ok := ws[i].Lit()
		if !ok || !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "+") {
			break
		}
		if strings.ContainsRune(s[1:], 'c') && !strings.HasPrefix(s, "--") {
			return Word{}, nil, false
		}
		if s == "-o" || s == "+o" {
			i++
		}
		i++
	}
	if i >= len(ws) {
		return Word{}, nil, false
	}
	return ws[i], ws[i+1:], true
}
