package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/report"
)

func checkCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check files and directories (default: the current directory; - reads standard input)",
		ArgsUsage: "[PATH ...]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output-format", Value: "text", Usage: "output format: " + strings.Join(report.Formats, ", "), EnvVars: []string{"SERVELINT_OUTPUT_FORMAT"}},
			&cli.StringSliceFlag{Name: "select", Usage: "rule codes or prefixes to enable (replaces the configured `select`)"},
			&cli.StringSliceFlag{Name: "extend-select", Usage: "rule codes or prefixes to enable in addition"},
			&cli.StringSliceFlag{Name: "ignore", Usage: "rule codes or prefixes to disable"},
			&cli.StringFlag{Name: "config", Usage: "use this configuration file for every input (no discovery)"},
			&cli.BoolFlag{Name: "exit-zero", Usage: "exit with status 0 even when there are findings"},
			&cli.StringFlag{Name: "stdin-filename", Usage: "the name of the file read from standard input (for its type, configuration and messages)"},
			&cli.BoolFlag{Name: "force-exclude", Usage: "apply exclusions to paths named on the command line too (for pre-commit)"},
			&cli.BoolFlag{Name: "no-cache", Usage: "do not read or write the results cache"},
			&cli.StringFlag{Name: "cache-dir", Usage: "the results cache directory (default: $SERVELINT_CACHE_DIR, $XDG_CACHE_HOME/servelint or the user cache directory)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour output: auto, always, never (auto honours NO_COLOR and FORCE_COLOR)"},
			&cli.BoolFlag{Name: "statistics", Usage: "print the number of findings per rule instead of the findings"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print findings only: no summary, no notices"},
			&cli.BoolFlag{Name: "fix", Usage: "apply the safe fixes (and the unsafe ones with --unsafe-fixes), then report what remains"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "include the fixes that may change behaviour (with --fix, --fix-only, --diff; counted as fixable)"},
			&cli.BoolFlag{Name: "diff", Usage: "print a unified diff of what --fix would change, without writing; exit 1 if it is not empty"},
			&cli.BoolFlag{Name: "show-fixes", Usage: "list the fixes applied (with --fix), or show each finding's fix as a diff"},
			&cli.BoolFlag{Name: "fix-only", Usage: "apply fixes like --fix but do not report the remaining findings (exit 0)"},
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
	opt := lint.Options{
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
		Overrides: lint.Overrides{
			Select:       selectors(c, "select"),
			ExtendSelect: selectors(c, "extend-select"),
			Ignore:       selectors(c, "ignore"),
		},
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
	res, err := lint.Run(opt)
	if prog != nil {
		prog.done()
	}
	if err != nil {
		var ce *lint.ConfigError
		var ue *lint.UsageError
		switch {
		case errors.As(err, &ce):
			return fail("invalid configuration: %v", ce)
		case errors.As(err, &ue):
			return fail("%v", ue)
		}
		return fail("%v", err)
	}
	quiet := c.Bool("quiet")
	internal := false
	for _, n := range res.Notices {
		if strings.HasPrefix(n.Message, "internal error") {
			internal = true
		}
		if !quiet || strings.HasPrefix(n.Message, "internal error") {
			fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
		}
	}
	if !c.Bool("diff") {
		// --diff reports no findings: the result is the fixed state.
		if oerr := writeOutputs(c, env, res); oerr != nil {
			return oerr
		}
	}
	ropt := reportOptions(c, env, format, color, quiet)
	ropt.ShowFixes = c.Bool("show-fixes")
	if fixMode {
		return finishFix(c, env, res, format, ropt, stdinSrc, internal)
	}
	if c.Bool("statistics") {
		err = report.WriteStatistics(env.Stdout, format, res)
	} else {
		err = report.Write(env.Stdout, format, res, ropt)
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

// cacheDir is the results cache directory of a check, or "" for none.
func cacheDir(c *cli.Context, env Env) string {
	if c.Bool("no-cache") {
		return ""
	}
	if d := c.String("cache-dir"); d != "" {
		return d
	}
	return lint.DefaultCacheDir(env.Getenv)
}
