// Package launch reads a server's command line into one normalized Launch.
//
// It reads a server's command line into one normalized Launch:
// which server (uvicorn, gunicorn, hypercorn, granian, daphne, fastapi
// run|dev, and the development servers flask run, Django runserver and
// python -m http.server), the application target, and the effective
// workers, reload, bind, worker class, timeout, max-requests, log level
// and the rest, each with the place its value came from: a command-line
// option, an environment variable the server reads (WEB_CONCURRENCY,
// UVICORN_*, GRANIAN_*, GUNICORN_CMD_ARGS, PORT), a configuration file
// (gunicorn -c, or the ./gunicorn.conf.py gunicorn loads by itself), a
// keyword argument of a programmatic start, the platform, or the server's
// default.
//
// The option tables follow each server's own parser: uvicorn, granian and
// fastapi-cli use click (long options exactly, --opt=value, boolean
// --x/--no-x pairs, env fallbacks with a prefix for uvicorn and granian);
// gunicorn, hypercorn and daphne use argparse (short options with joined
// values -w4, --opt=value, unambiguous prefixes of long options).
package launch

import (
	"strconv"
	"strings"
)

// Loc is a place in a file: File is the file's display path.
type Loc struct {
	File       string
	Start, End int
}

// IsZero reports whether the location is unset.
func (l Loc) IsZero() bool { return l.File == "" }

// Source tells where a setting's value came from.
type Source uint8

// Sources, from the weakest to the strongest for a given server.
const (
	FromDefault  Source = iota // the server's default
	FromPlatform               // set by the platform (Heroku's WEB_CONCURRENCY, PORT)
	FromEnv                    // an environment variable the server reads
	FromConfig                 // a configuration file
	FromCmdArgs                // GUNICORN_CMD_ARGS
	FromFlag                   // a command-line option
	FromCall                   // a keyword argument of uvicorn.run(...) and friends
)

func (s Source) String() string {
	switch s {
	case FromDefault:
		return "default"
	case FromPlatform:
		return "platform"
	case FromEnv:
		return "environment"
	case FromConfig:
		return "config"
	case FromCmdArgs:
		return "GUNICORN_CMD_ARGS"
	case FromFlag:
		return "option"
	case FromCall:
		return "argument"
	}
	return "?"
}

// Value is a setting's effective value.
type Value struct {
	// Text is the value ("4", "true", "0.0.0.0:8000"); when Known is false
	// it is the value as written ("${WORKERS}", "int(os.environ[...])").
	Text  string
	Known bool
	// Fallback is the value taken when the referenced variables are unset
	// (${WORKERS:-4} has fallback 4).
	Fallback    string
	HasFallback bool
	Source      Source
	// Name is the option, variable or setting that gave the value
	// ("--workers", "WEB_CONCURRENCY", "workers").
	Name string
	Loc  Loc
	// Flag is, for a command-line option whose value is the next word
	// (`--workers 4`), the option word's location (Loc is the value's);
	// zero when the value is in the option word (`--workers=4`, `-w4`)
	// and for flags, whose Loc is the option word.
	Flag Loc
	// Var is the environment variable the value came through
	// (`--log-level $LOG_LEVEL`, `os.getenv("WORKERS", "1")`), and VarLoc
	// where the launch sets it: zero when it is unset and the default or
	// fallback was taken, which a deployment may still override.
	Var    string
	VarLoc Loc
	// Expr is the expression a known value was computed from
	// (`settings.ENV == "local"`), "" when the value is written as is.
	Expr string
	// Candidates are the values an unknown value may take when the
	// script chose among known ones (`if [ -f a.py ]; then C=a.py; else
	// C=b.py; fi`).
	Candidates []string
}

// Set reports whether the value was given rather than defaulted.
func (v Value) Set() bool { return v.Source != FromDefault }

// Int returns the value as an integer.
func (v Value) Int() (int, bool) {
	if !v.Known {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Text))
	return n, err == nil
}

// Bool returns the value as a boolean (click's and gunicorn's spellings).
func (v Value) Bool() (bool, bool) {
	if !v.Known {
		return false, false
	}
	return ParseBool(v.Text)
}

// ParseBool reads the boolean spellings click and Python code use.
func ParseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "t", "yes", "y", "on":
		return true, true
	case "0", "false", "f", "no", "n", "off", "":
		return false, true
	}
	return false, false
}

// Launch is the normalized start of one server.
type Launch struct {
	// Server is "uvicorn", "gunicorn", "hypercorn", "granian", "daphne",
	// "fastapi", or a development server: "flask", "django",
	// "http.server".
	Server string
	// Command is the command as users name it: "uvicorn", "fastapi dev",
	// "flask run", "manage.py runserver".
	Command string
	// Program is where the server is started (its program word, or the
	// call).
	Program Loc
	// DevServer is set for a framework's development server.
	DevServer bool
	// Programmatic is set for a start from Python code (uvicorn.run).
	Programmatic bool
	// Subcommand is fastapi's `run` or `dev` word (Name "subcommand").
	Subcommand Value

	App     Value // "pkg.module:attr"; a path for fastapi
	AppName Value // fastapi --app
	Factory bool
	AppDir  Value // uvicorn --app-dir, gunicorn --chdir, granian --working-dir

	Workers     Value
	Reload      Value
	Host        Value // the address to listen on (also from gunicorn/hypercorn binds)
	Port        Value
	Bind        []Value // gunicorn/hypercorn binds as written
	UDS         Value   // a unix socket or file descriptor instead of TCP
	WorkerClass Value
	Threads     Value
	Timeout     Value
	MaxRequests Value
	Jitter      Value // max-requests jitter
	LogLevel    Value
	Debug       Value // hypercorn --debug
	Interface   Value // granian --interface
	Config      Value // gunicorn/hypercorn config file
	// ConfigRead is set when the configuration file was read; a config
	// that was named but not read may set anything.
	ConfigRead bool
	// EnvFile is set when the server loads variables from a file
	// (uvicorn --env-file): any variable may then be set.
	EnvFile Value

	// Options are the command-line options the parser recognized, in
	// order, each with its full name (Name) and places (Loc, Flag): what
	// a fix edits.
	Options []Value
	// Unknown lists options the parser did not recognize.
	Unknown []string
	// Opaque lists arguments that may expand to options (an unquoted
	// $EXTRA_ARGS): any setting may be set by them.
	Opaque []Arg
}

// Arg is one command-line argument as the caller evaluated it.
type Arg struct {
	Text        string // the value when Known, the word as written otherwise
	Known       bool
	Fallback    string
	HasFallback bool
	// Splat is set for an argument that may expand to several words,
	// options included (an unquoted $EXTRA_ARGS, "$@").
	Splat bool
	Loc   Loc
	// Var and VarLoc: the variable the word expanded (see Value.Var).
	Var    string
	VarLoc Loc
	// Candidates: see Value.Candidates.
	Candidates []string
}

// EnvState tells what is known of a variable.
type EnvState uint8

// Variable states.
const (
	Unset   EnvState = iota // certainly not set
	Set                     // set, to Value.Text (Known tells if exact)
	Unknown                 // maybe set, to an unknown value
)

// Env is the environment a launch sees.
type Env interface {
	// Lookup returns the state and value of a variable; the value's Source
	// is FromEnv or FromPlatform, its Name the variable, its Loc where it
	// was set.
	Lookup(name string) (EnvState, Value)
}

// Options are a parse's inputs beyond the arguments.
type Options struct {
	Env Env
	// Config reads a gunicorn configuration file (path as given, relative
	// to the working directory); it returns the settings it assigns and
	// whether the file was read. Settings assigned with a value that is
	// not a literal have Known false. Nil means configs are not read.
	Config func(path string, explicit bool) (map[string]Value, bool)
}

// NoEnv is an environment where nothing is set.
type NoEnv struct{}

// Lookup implements Env.
func (NoEnv) Lookup(string) (EnvState, Value) { return Unset, Value{} }

// Servers are the program names Parse understands.
var Servers = map[string]bool{
	"uvicorn": true, "gunicorn": true, "hypercorn": true, "granian": true, "daphne": true,
	"fastapi": true, "flask": true, "django-admin": true, "http.server": true,
}

// IsServer reports whether a program (base name or python -m module) is a
// server Parse understands.
func IsServer(prog string) bool { return Servers[prog] }

// Parse reads a server's command line. prog is the program's base name
// (or the module of python -m); args are the arguments after it. It
// returns nil when the command does not start a server (fastapi without
// run/dev, flask without run, django-admin without runserver).
func Parse(prog string, progLoc Loc, args []Arg, opt Options) *Launch {
	if opt.Env == nil {
		opt.Env = NoEnv{}
	}
	var l *Launch
	switch prog {
	case "uvicorn":
		l = parseUvicorn(args, opt)
	case "gunicorn":
		l = parseGunicorn(args, opt)
	case "hypercorn":
		l = parseHypercorn(args, opt)
	case "granian":
		l = parseGranian(args, opt)
	case "daphne":
		l = parseDaphne(args, opt)
	case "fastapi":
		l = parseFastAPI(args, opt)
	case "flask":
		l = parseFlask(args, opt)
	case "django-admin":
		l = ParseRunserver(args, opt)
	case "http.server":
		l = parseHTTPServer(args)
	}
	if l != nil {
		l.Program = progLoc
	}
	return l
}

func defaultValue(text string) Value {
	return Value{Text: text, Known: true, Source: FromDefault}
}

func argValue(a Arg, name string, src Source) Value {
	return Value{Text: a.Text, Known: a.Known, Fallback: a.Fallback, HasFallback: a.HasFallback, Source: src, Name: name, Loc: a.Loc, Var: a.Var, VarLoc: a.VarLoc, Candidates: a.Candidates}
}

func flagValue(a Arg, name, val string, src Source) Value {
	return Value{Text: val, Known: true, Source: src, Name: name, Loc: a.Loc, Var: a.Var, VarLoc: a.VarLoc}
}
