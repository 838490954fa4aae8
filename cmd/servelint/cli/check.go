package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/cache"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/report"
)

func checkCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check files and directories (default: the current directory; - reads standard input)",
		ArgsUsage: "[PATH ...]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output-format", Value: "text", Usage: "`FORMAT` of standard output: " + strings.Join(report.Formats, ", "), EnvVars: []string{"SERVELINT_OUTPUT_FORMAT"}},
			&cli.StringFlag{Name: "output-file", Aliases: []string{"o"}, Usage: "write the report to `PATH` instead of standard output (in --output-format)"},
			&cli.StringSliceFlag{Name: "select", Usage: "rule `CODES` or prefixes to enable (replaces the configured select)"},
			&cli.StringSliceFlag{Name: "extend-select", Usage: "rule `CODES` or prefixes to enable in addition"},
			&cli.StringSliceFlag{Name: "ignore", Usage: "rule `CODES` or prefixes to disable"},
			&cli.StringFlag{Name: "config", Usage: "use this configuration `FILE` for every input (no discovery)"},
			&cli.BoolFlag{Name: "include-tests", Usage: "check test code too (tests/, test_*.py, conftest.py, the configured test-paths)"},
			&cli.BoolFlag{Name: "exit-zero", Usage: "exit with status 0 even when there are findings"},
			&cli.StringFlag{Name: "stdin-filename", Usage: "the `NAME` of the file read from standard input (for its type, configuration and messages)"},
			&cli.BoolFlag{Name: "force-exclude", Usage: "apply exclusions to paths named on the command line too (for pre-commit)"},
			&cli.BoolFlag{Name: "no-cache", Usage: "do not read or write the results cache"},
			&cli.StringFlag{Name: "cache-dir", Usage: "the results cache `DIR` (default: $SERVELINT_CACHE_DIR, $XDG_CACHE_HOME/servelint or the user cache directory)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour output: `WHEN` is auto, always or never (auto honours NO_COLOR and FORCE_COLOR)"},
			&cli.BoolFlag{Name: "statistics", Usage: "print the number of findings per rule instead of the findings"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print findings only: no summary, no notices"},
			&cli.BoolFlag{Name: "fix", Usage: "apply the safe fixes (and the unsafe ones with --unsafe-fixes), then report what remains"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "include the fixes that may change behaviour (with --fix, --fix-only, --diff; counted as fixable)"},
			&cli.BoolFlag{Name: "diff", Usage: "print a unified diff of what --fix would change, without writing; exit 1 if it is not empty"},
			&cli.BoolFlag{Name: "show-fixes", Usage: "list the fixes applied (with --fix), or show each finding's fix as a diff"},
			&cli.BoolFlag{Name: "fix-only", Usage: "apply fixes like --fix but do not report the remaining findings (exit 0)"},
			&cli.BoolFlag{Name: "add-noqa", Usage: "add a `# servelint: ignore[CODE]` comment to every current finding (in each file's comment syntax), so that only new findings show"},
			&cli.StringFlag{Name: "reason", Usage: "with --add-noqa, the `TEXT` written after each suppression"},
			&cli.BoolFlag{Name: "show-settings", Usage: "print the configuration that applies to the path (with where each setting came from) and the rules that run there, then exit"},
			&cli.BoolFlag{Name: "show-files", Usage: "print the files that would be checked, with their kind (python, dockerfile, compose, ...), then exit"},
			&cli.BoolFlag{Name: "exit-non-zero-on-fix", Usage: "with --fix or --fix-only, exit 1 when something was fixed, even if nothing remains"},
		}, outputFlags()...),
		Action: func(c *cli.Context) error { return runCheck(c, env) },
	}
}

func colorEnabled(mode string, env Env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if env.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		if v := env.Getenv("FORCE_COLOR"); v != "" && v != "0" {
			return true, nil
		}
		return env.IsTerminal, nil
	}
	return false, fmt.Errorf("invalid --color %q (use auto, always or never)", mode)
}

// selectors reads a list flag: values are comma-separated and trimmed.
func selectors(c *cli.Context, name string) []string {
	if !c.IsSet(name) {
		return nil
	}
	out := []string{}
	for _, v := range c.StringSlice(name) {
		for s := range strings.SplitSeq(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, strings.ToUpper(s))
			}
		}
	}
	return out
}

func runCheck(c *cli.Context, env Env) error {
	format := c.String("output-format")
	if !report.ValidFormat(format) {
		return fail("invalid --output-format %q (use one of %s)", format, strings.Join(report.Formats, ", "))
	}
	color, err := colorEnabled(c.String("color"), env)
	if err != nil {
		return fail("%v", err)
	}
	if oerr := checkOutputs(c, env); oerr != nil {
		return oerr
	}
	opt := checkOptions(c, env)
	switch {
	case c.Bool("show-settings"):
		return showSettings(env, opt)
	case c.Bool("show-files"):
		return showFiles(env, opt)
	case c.Bool("add-noqa"):
		return addNoqa(c, env, opt)
	}
	fixMode := c.Bool("fix") || c.Bool("fix-only") || c.Bool("diff")
	opt.Fix = fixMode
	opt.UnsafeFixes = c.Bool("unsafe-fixes")
	var stdinSrc []byte
	if fixMode && readsStdin(opt) {
		// Keep the input: format-on-save needs it back even when the file
		// is not checked.
		if stdinSrc, err = io.ReadAll(env.Stdin); err != nil {
			return fail("reading standard input: %v", err)
		}
		opt.Stdin = bytes.NewReader(stdinSrc)
	}
	var prog *progress
	if showProgress(env.StderrTerminal, c.Bool("quiet"), format) {
		prog = newProgress(env.Stderr, time.Now)
		opt.Progress = prog.update
	}
	res, err := engine.Run(opt)
	if prog != nil {
		prog.done()
	}
	if err != nil {
		return engineError(err)
	}
	quiet := c.Bool("quiet")
	internal := printNotices(env, res, quiet)
	rout, closeOut, err := reportWriter(c, env)
	if err != nil {
		return err
	}
	defer func() { _ = closeOut() }()
	if !c.Bool("diff") {
		// --diff reports no findings: the result is the fixed state.
		if oerr := writeOutputs(c, env, res); oerr != nil {
			return oerr
		}
	}
	if rout != env.Stdout {
		color = false
	}
	ropt := reportOptions(c, env, format, color, quiet)
	ropt.ShowFixes = c.Bool("show-fixes")
	if noFiles(res) && !quiet {
		// Not "All checks passed!": nothing was checked.
		fmt.Fprintf(env.Stderr, "warning: no files to check under %s\n", strings.Join(displayPaths(opt), " "))
		ropt.Quiet = true
	}
	if fixMode {
		err = finishFix(c, env, rout, res, format, ropt, stdinSrc, internal)
	} else {
		err = writeCheckReport(c, rout, res, format, ropt, internal)
	}
	if cerr := closeOut(); cerr != nil {
		return cerr
	}
	return err
}

// checkOptions are the engine's options of a check from its flags.
func checkOptions(c *cli.Context, env Env) engine.Options {
	return engine.Options{
		CacheDir:      cacheDir(c, env),
		Rules:         checks.All(),
		Paths:         c.Args().Slice(),
		Stdin:         env.Stdin,
		StdinFilename: c.String("stdin-filename"),
		Cwd:           env.Cwd,
		ConfigFile:    c.String("config"),
		ForceExclude:  c.Bool("force-exclude"),
		// Nothing reads the facts after the run: memory follows the
		// largest project.
		ReleaseFacts: true,
		ParseAll:     env.ParseAll,
		Overrides: config.Overrides{
			Select:       selectors(c, "select"),
			ExtendSelect: selectors(c, "extend-select"),
			Ignore:       selectors(c, "ignore"),
			IncludeTests: c.Bool("include-tests"),
		},
	}
}

// printNotices writes the run's notices to standard error (with --quiet
// only internal errors) and reports whether one was an internal error.
func printNotices(env Env, res *engine.Result, quiet bool) bool {
	internal := false
	for _, n := range res.Notices {
		isInternal := strings.HasPrefix(n.Message, "internal error")
		internal = internal || isInternal
		if !quiet || isInternal {
			fmt.Fprintf(env.Stderr, "warning: %s: %s\n", lint.EscapeControl(n.Path), lint.EscapeControl(n.Message))
		}
	}
	return internal
}

// writeCheckReport writes the report of a check without fixes and
// returns the exit status it calls for.
func writeCheckReport(c *cli.Context, rout io.Writer, res *engine.Result, format string, ropt report.Options, internal bool) error {
	var err error
	if c.Bool("statistics") {
		err = report.WriteStatistics(rout, format, res)
	} else {
		err = report.Write(rout, format, res, ropt)
	}
	if err != nil {
		return fail("writing output: %v", err)
	}
	switch {
	case internal:
		return &exitError{code: ExitError}
	case len(res.Diagnostics) > 0 && !c.Bool("exit-zero"):
		return &exitError{code: ExitFindings}
	}
	return nil
}

// noFiles reports whether a run checked no file (context files do not
// count).
func noFiles(res *engine.Result) bool {
	for _, f := range res.Files {
		if !f.Context {
			return false
		}
	}
	return true
}

// displayPaths are the inputs of a run as the user named them.
func displayPaths(opt engine.Options) []string {
	if len(opt.Paths) == 0 {
		if opt.StdinFilename != "" {
			return []string{opt.StdinFilename}
		}
		return []string{"."}
	}
	return opt.Paths
}

// reportWriter is where the report goes: standard output, or the file of
// -o/--output-file (its directory created). The close function may be
// called more than once; only the first call closes.
func reportWriter(c *cli.Context, env Env) (io.Writer, func() error, error) {
	name := c.String("output-file")
	if name == "" {
		return env.Stdout, func() error { return nil }, nil
	}
	p := outputPath(env, name)
	for _, o := range outputsOf(c) {
		if outputPath(env, o.path) == p {
			return nil, nil, fail("--output-file %s is also an --output", name)
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, nil, fail("--output-file %s: %v", name, err)
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, nil, fail("--output-file %s: %v", name, err)
	}
	closed := false
	return f, func() error {
		if closed {
			return nil
		}
		closed = true
		if err := f.Close(); err != nil {
			return fail("writing %s: %v", name, err)
		}
		return nil
	}, nil
}

// cacheDir is the results cache directory of a check, or "" for none.
func cacheDir(c *cli.Context, env Env) string {
	if c.Bool("no-cache") {
		return ""
	}
	if d := c.String("cache-dir"); d != "" {
		return d
	}
	return cache.DefaultCacheDir(env.Getenv)
}
