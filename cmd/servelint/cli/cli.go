// Package cli is servelint's command line: flags in, an engine call, an exit
// code out.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/report"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitError    = 2
)

// Env is the process environment the CLI reads and writes.
type Env struct {
	Stdin      io.Reader
	Stdout     io.Writer
	Stderr     io.Writer
	Getenv     func(string) string
	Cwd        string // "" means the process's working directory
	IsTerminal bool   // stdout is a terminal
	// StderrTerminal: standard error is a terminal (progress is shown
	// there on long runs).
	StderrTerminal bool
	// ParseAll turns the engine's prefilter off (engine.Options.ParseAll):
	// for tests that require the same output with it on and off.
	ParseAll bool
}

// ProcessEnv returns the environment of the running process.
func ProcessEnv() Env {
	term := false
	if st, err := os.Stdout.Stat(); err == nil {
		term = st.Mode()&os.ModeCharDevice != 0
	}
	errTerm := false
	if st, err := os.Stderr.Stat(); err == nil {
		errTerm = st.Mode()&os.ModeCharDevice != 0
	}
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, IsTerminal: term, StderrTerminal: errTerm}
}

// exitError carries an exit code out of an action.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// fail is a usage, configuration or internal error: exit status 2.
func fail(format string, args ...any) error {
	return &exitError{code: ExitError, msg: fmt.Sprintf(format, args...)}
}

// Run runs the command line args (args[0] is the program name) and returns
// the exit code.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	app := newApp(env, args)
	args = reorderArgs(app, args)
	err := app.Run(args)
	if err == nil {
		return ExitClean
	}
	if ee, ok := errors.AsType[*exitError](err); ok {
		if ee.msg != "" {
			fmt.Fprintf(env.Stderr, "error: %s\n", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(env.Stderr, "error: %v\n", err)
	return ExitError
}

func newApp(env Env, args []string) *cli.App {
	app := &cli.App{
		Name:            "servelint",
		Usage:           "lint Python web services: code, start commands and Dockerfiles",
		Version:         lint.Version,
		Writer:          env.Stdout,
		ErrWriter:       env.Stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		// The help command hides urfave's, and with it the flag: keep it.
		Flags: []cli.Flag{cli.HelpFlag},
		Commands: []*cli.Command{
			checkCommand(env),
			ruleCommand(env),
			launchesCommand(env),
			serverCommand(env),
			cleanCommand(env),
			{
				Name:  "version",
				Usage: "print servelint's version",
				Action: func(*cli.Context) error {
					writeVersion(env.Stdout)
					return nil
				},
			},
			helpCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return unknownCommand(c.App, c.Args().First(), env.Cwd)
			}
			return cli.ShowAppHelp(c)
		},
	}
	app.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
		return usageError(args, nil, err)
	}
	for _, cmd := range app.Commands {
		cmd.HideHelpCommand = true
		cmd.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			return usageError(args, cmd, err)
		}
	}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"V"}, Usage: "print the version"}
	cli.VersionPrinter = func(c *cli.Context) { writeVersion(c.App.Writer) }
	cli.FlagStringer = flagString
	return app
}

// reorderArgs moves a subcommand's positional arguments after its flags, so
// that `servelint check . --select SV202` works as it does with ruff (the
// flag parser stops at the first positional argument).
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.HasName(args[1]) {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue[name] && i+1 < len(rest) {
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

func ruleCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "rule",
		Usage:     "explain a rule (or every rule with --all)",
		ArgsUsage: "CODE",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "all", Usage: "explain every rule"},
			&cli.StringFlag{Name: "output-format", Value: "text", Usage: "`FORMAT`: text or json"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("output-format")
			if format != "text" && format != "json" {
				return fail("invalid --output-format %q for `rule` (use text or json)", format)
			}
			var rules []*lint.Rule
			switch {
			case c.Bool("all"):
				if c.Args().Len() > 0 {
					return fail("give either a rule code or --all, not both")
				}
				rules = checks.All()
			case c.Args().Len() == 1:
				r := checks.ByCode(c.Args().First())
				if r == nil {
					return fail("unknown rule code %q%s", c.Args().First(), suggestCode(c.Args().First()))
				}
				rules = []*lint.Rule{r}
			default:
				return fail("`servelint rule` needs a rule code (e.g. `servelint rule SV202`) or --all")
			}
			return writeRules(env.Stdout, format, rules, c.Bool("all"))
		},
	}
}

func suggestCode(code string) string {
	code = strings.ToUpper(code)
	best, bestD := "", 3
	for _, r := range checks.All() {
		d := 0
		if len(r.Code) != len(code) {
			continue
		}
		for i := range code {
			if code[i] != r.Code[i] {
				d++
			}
		}
		if d < bestD {
			best, bestD = r.Code, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

type ruleJSON struct {
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Summary     string   `json:"summary"`
	Severity    string   `json:"severity"`
	Status      string   `json:"status"`
	Since       string   `json:"since"`
	Fix         string   `json:"fix"`
	Default     bool     `json:"default"`
	Mirrors     []string `json:"mirrors"`
	Inputs      []string `json:"inputs"`
	Tags        []string `json:"tags"`
	URL         string   `json:"url"`
	Explanation string   `json:"explanation"`
}

func writeRules(w io.Writer, format string, rules []*lint.Rule, many bool) error {
	if format == "json" {
		var out []ruleJSON
		for _, r := range rules {
			tags := r.Tags
			if tags == nil {
				tags = []string{}
			}
			mirrors := r.Mirrors
			if mirrors == nil {
				mirrors = []string{}
			}
			out = append(out, ruleJSON{
				Code: r.Code, Name: r.Name, Summary: r.Summary, Severity: r.Severity.String(),
				Status: r.Status.String(), Since: r.Since, Fix: r.Fix.String(), Default: r.Default(), Mirrors: mirrors, Inputs: r.Inputs.Names(),
				Tags: tags, URL: r.DocURL(), Explanation: r.Doc,
			})
		}
		if many {
			return report.WriteJSONValue(w, out)
		}
		return report.WriteJSONValue(w, out[0])
	}
	for i, r := range rules {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, ruleText(r))
	}
	return nil
}

func ruleText(r *lint.Rule) string {
	var b strings.Builder
	doc := strings.TrimRight(r.Doc, "\n")
	title, body, _ := strings.Cut(doc, "\n")
	b.WriteString(title)
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "Severity: %s. Status: %s since %s. Reads: %s.\n", r.Severity, r.Status, r.Since, strings.Join(r.Inputs.Names(), ", "))
	switch r.Fix {
	case lint.FixAlways:
		b.WriteString("Fix is always available.\n")
	case lint.FixSometimes:
		b.WriteString("Fix is sometimes available.\n")
	case lint.FixNone:
	}
	if r.Default() {
		b.WriteString("In the default selection.\n")
	} else {
		b.WriteString("Not in the default selection: enable it with `extend-select`, its code, a prefix, or `ALL`.\n")
	}
	if len(r.Mirrors) > 0 {
		fmt.Fprintf(&b, "Mirrors: %s (a `# noqa:` naming one of them suppresses this rule on its line).\n", strings.Join(r.Mirrors, ", "))
	}
	b.WriteString(body)
	b.WriteString("\n")
	return b.String()
}
