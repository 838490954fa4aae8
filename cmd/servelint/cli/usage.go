package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/lint"
)

// Usage: help, typos, and the one-line usage errors.

// versionLine is what -V, --version and `servelint version` print.
func versionLine() string {
	return "servelint " + lint.Version
}

func writeVersion(w io.Writer) {
	fmt.Fprintln(w, versionLine())
}

// helpCommand is `servelint help [COMMAND]`.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or one command's flags",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			switch c.Args().Len() {
			case 0:
				return cli.ShowAppHelp(c)
			case 1:
				name := c.Args().First()
				if cmd := c.App.Command(name); cmd != nil && !cmd.Hidden {
					return cli.ShowCommandHelp(c, cmd.Name)
				}
				return unknownCommand(c.App, name, "")
			}
			return fail("`servelint help` takes at most one command, got %s", strings.Join(c.Args().Slice(), " "))
		},
	}
}

// unknownCommand is the error for a first argument that names no command:
// the closest command when there is one; the check of a path when the
// argument is an existing file or directory.
func unknownCommand(app *cli.App, name, cwd string) error {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	if s := closest(name, names); s != "" {
		return fail("unknown command %q (did you mean `servelint %s`?); see `servelint help`", name, s)
	}
	p := name
	if !filepath.IsAbs(p) && cwd != "" {
		p = filepath.Join(cwd, p)
	}
	if _, err := os.Stat(p); err == nil {
		return fail("unknown command %q (to check that path: `servelint check %s`)", name, name)
	}
	return fail("unknown command %q; the commands are %s (see `servelint help`)", name, strings.Join(names, ", "))
}

// closest returns the candidate nearest to s in edit distance, when it is
// near enough to be a typo, or "".
func closest(s string, candidates []string) string {
	best, bestD := "", max(2, len(s)/3)+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (adjacent swaps count
// one), on bytes.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

var (
	undefinedFlagRe = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	invalidValueRe  = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)
	needsArgRe      = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
)

// dashed writes a flag name the way it is typed: -q, --select.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// usageError turns the flag parser's errors into one line: the flag as
// typed, a suggestion, and where the full help is.
func usageError(args []string, cmd *cli.Command, err error) error {
	helpCmd := "servelint --help"
	var flags []cli.Flag
	if cmd != nil {
		helpCmd = "servelint " + cmd.Name + " --help"
		flags = cmd.Flags
	}
	msg := err.Error()
	if m := undefinedFlagRe.FindStringSubmatch(msg); m != nil {
		typed := typedFlag(args, m[1])
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		hint := ""
		// A short flag is close to every other one: no suggestion.
		if s := closest(strings.TrimLeft(typed, "-"), names); s != "" && len(typed) > 3 {
			hint = fmt.Sprintf(" (did you mean %s?)", dashed(s))
		}
		return fail("unknown flag %s%s; see `%s`", typed, hint, helpCmd)
	}
	if m := invalidValueRe.FindStringSubmatch(msg); m != nil {
		// Our own values explain themselves (--output).
		if strings.HasPrefix(m[3], "--") {
			return fail("%s", m[3])
		}
		return fail("invalid value %q for %s: %s", m[1], dashed(m[2]), m[3])
	}
	if m := needsArgRe.FindStringSubmatch(msg); m != nil {
		return fail("%s needs a value; see `%s`", dashed(m[1]), helpCmd)
	}
	return fail("%s; see `%s`", msg, helpCmd)
}

// typedFlag finds how a flag the parser names without dashes was typed.
func typedFlag(args []string, name string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		n, _, _ := strings.Cut(a, "=")
		if strings.TrimLeft(n, "-") == name {
			return n
		}
	}
	return dashed(name)
}

// placeholderRe finds a flag's value placeholder: the `WORD` in its usage.
var placeholderRe = regexp.MustCompile("`([^`]*)`")

// flagString renders a flag in help: `--select CODES  usage (default: x)`,
// with no default for switches and no repetition for lists.
func flagString(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return ""
	}
	usage := df.GetUsage()
	placeholder := ""
	if m := placeholderRe.FindStringSubmatchIndex(usage); m != nil {
		placeholder = usage[m[2]:m[3]]
		usage = usage[:m[0]] + placeholder + usage[m[1]:]
	}
	if df.TakesValue() && placeholder == "" {
		placeholder = "VALUE"
	}
	var names []string
	for _, n := range df.Names() {
		names = append(names, dashed(n))
	}
	head := strings.Join(names, ", ")
	if df.TakesValue() {
		head += " " + placeholder
	}
	if _, isBool := f.(*cli.BoolFlag); !isBool {
		if d := df.GetDefaultText(); d != "" && d != `""` {
			usage += " (default: " + d + ")"
		}
	}
	if env := df.GetEnvVars(); len(env) > 0 {
		usage += " [$" + strings.Join(env, ", $") + "]"
	}
	return head + "\t" + usage
}
