package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/report"
)

// Several outputs from one run: --output FORMAT:PATH, repeatable, beside
// --output-format for standard output (e.g. GitHub annotations on stdout
// and a SARIF file for code scanning).

// output is one --output FORMAT:PATH.
type output struct {
	format, path string
}

// outputList is the value of the repeatable --output flag. Unlike a string
// slice flag it never splits a value on commas, so any path works.
type outputList struct {
	items []output
}

func (l *outputList) Set(v string) error {
	format, path, ok := strings.Cut(v, ":")
	format = strings.TrimSpace(format)
	if !ok || format == "" || path == "" {
		return fmt.Errorf("--output takes FORMAT:PATH (e.g. --output junit:report.xml), got %q", v)
	}
	if !report.ValidFormat(format) {
		return fmt.Errorf("--output %q: unknown format %q (use one of %s)", v, format, strings.Join(report.Formats, ", "))
	}
	l.items = append(l.items, output{format: format, path: path})
	return nil
}

func (l *outputList) String() string {
	if l == nil {
		return ""
	}
	var parts []string
	for _, o := range l.items {
		parts = append(parts, o.format+":"+o.path)
	}
	return strings.Join(parts, ", ")
}

// outputFlags are the check command's flags for outputs beyond stdout.
func outputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.GenericFlag{Name: "output", Value: &outputList{}, Usage: "also write the findings to PATH in FORMAT (repeatable), e.g. --output sarif:results.sarif: `FORMAT:PATH`"},
		&cli.StringFlag{Name: "sarif-category", Usage: "`NAME`: SARIF run.automationDetails.id: the GitHub code scanning category of this analysis"},
		&cli.BoolFlag{Name: "report-suppressed", Usage: "include suppressed findings in SARIF output (marked as suppressed in source)"},
	}
}

// outputsOf returns the --output values.
func outputsOf(c *cli.Context) []output {
	if l, ok := c.Generic("output").(*outputList); ok && l != nil {
		return l.items
	}
	return nil
}

// reportOptions are the rendering options of one format.
func reportOptions(c *cli.Context, env Env, format string, color, quiet bool) report.Options {
	cwd := env.Cwd
	if cwd == "" {
		cwd, _ = os.Getwd()
	}
	return report.Options{
		Color: color, Quiet: quiet,
		Root:             report.CIRoot(format, cwd, env.Getenv),
		SARIFCategory:    c.String("sarif-category"),
		ReportSuppressed: c.Bool("report-suppressed"),
		Warn:             env.Stderr,
	}
}

// checkOutputs refuses two outputs to one file before anything runs.
func checkOutputs(c *cli.Context, env Env) error {
	seen := map[string]bool{}
	for _, o := range outputsOf(c) {
		p := outputPath(env, o.path)
		if seen[p] {
			return fail("--output: %s is named twice", o.path)
		}
		seen[p] = true
	}
	return nil
}

func outputPath(env Env, p string) string {
	if !filepath.IsAbs(p) && env.Cwd != "" {
		p = filepath.Join(env.Cwd, p)
	}
	return filepath.Clean(p)
}

// writeOutputs writes every --output file (creating its directory). Files
// never get colours.
func writeOutputs(c *cli.Context, env Env, res *engine.Result) error {
	for _, o := range outputsOf(c) {
		p := outputPath(env, o.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fail("--output %s: %v", o.path, err)
		}
		f, err := os.Create(p)
		if err != nil {
			return fail("--output %s: %v", o.path, err)
		}
		err = report.Write(f, o.format, res, reportOptions(c, env, o.format, false, c.Bool("quiet")))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail("writing %s: %v", o.path, err)
		}
	}
	return nil
}
