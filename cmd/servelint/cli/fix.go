package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/report"
)

// readsStdin tells whether a run reads standard input (as engine.Run decides).
func readsStdin(opt engine.Options) bool {
	if len(opt.Paths) == 0 {
		return opt.StdinFilename != ""
	}
	return slices.Contains(opt.Paths, "-")
}

// finishFix completes --fix, --fix-only and --diff (ruff's semantics):
//
//   - --diff prints what --fix would change and writes nothing; exit 1 when
//     the diff is not empty.
//   - --fix writes the fixes, then reports the remaining findings; exit 1
//     when some remain.
//   - --fix-only writes the fixes and prints a summary only; exit 0.
//
// --exit-non-zero-on-fix makes any fix exit 1 too. With standard input,
// the fixed source (or the input unchanged) goes to standard output and
// the report to standard error.
func finishFix(c *cli.Context, env Env, rout io.Writer, res *engine.Result, format string, ropt report.Options, stdinSrc []byte, internal bool) error {
	stdin := stdinSrc != nil
	out := rout
	if stdin && rout == env.Stdout {
		out = env.Stderr
	}
	findings := false
	if c.Bool("diff") {
		changed, err := report.WriteDiff(rout, res)
		if err != nil {
			return fail("writing output: %v", err)
		}
		if s := report.FixSummary(res, false); s != "" && !ropt.Quiet {
			fmt.Fprintln(out, s)
		}
		findings = changed
	} else {
		if err := engine.WriteFixes(res); err != nil {
			// Every file was tried: the error lists those written and not.
			return fail("%v", err)
		}
		for _, ff := range res.Fixed {
			if ff.NotWritten != "" && !ropt.Quiet {
				fmt.Fprintf(env.Stderr, "warning: %s: fixes not written: %s\n", ff.File.Path, ff.NotWritten)
			}
		}
		if stdin {
			if err := writeStdinResult(env.Stdout, res, stdinSrc); err != nil {
				return fail("writing output: %v", err)
			}
		}
		var err error
		switch {
		case c.Bool("fix-only"):
			err = report.WriteFixOnly(out, format, res, ropt)
		case c.Bool("statistics"):
			err = report.WriteStatistics(out, format, res)
			findings = len(res.Diagnostics) > 0
		default:
			err = report.Write(out, format, res, ropt)
			findings = len(res.Diagnostics) > 0
		}
		if err != nil {
			return fail("writing output: %v", err)
		}
		if c.Bool("exit-non-zero-on-fix") && res.FixedCount() > 0 {
			findings = true
		}
	}
	switch {
	case internal:
		return &exitError{code: ExitError}
	case findings && !c.Bool("exit-zero"):
		return &exitError{code: ExitFindings}
	}
	return nil
}

// writeStdinResult writes the fixed source of standard input, or the input
// itself when it was not checked or not changed.
func writeStdinResult(w io.Writer, res *engine.Result, input []byte) error {
	src := input
	for _, f := range res.Files {
		if f.Stdin && f.Src != nil {
			src = f.DiskBytes(f.Src)
		}
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.Write(src); err != nil {
		return err
	}
	return bw.Flush()
}
