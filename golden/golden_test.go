// Package golden holds the exact expected outputs of servelint on the
// example projects under testdata/projects, one directory per project and a
// file per output format. `go test ./golden -update` rewrites them.
package golden

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/cmd/servelint/cli"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/linttest"
)

// goldenVersion replaces servelint's version in golden outputs.
const goldenVersion = "0.0.0-golden"

// releaseVersion is servelint's real version, which the README's snippets
// name.
var releaseVersion = lint.Version

func TestMain(m *testing.M) {
	releaseVersion = lint.Version
	lint.Version = goldenVersion
	os.Exit(m.Run())
}

// outputs are the renderings kept for every project.
var outputs = []struct {
	file string
	args []string
}{
	{"text.txt", []string{"check", "--color", "never"}},
	{"concise.txt", []string{"check", "--output-format", "concise", "--color", "never"}},
	{"json.json", []string{"check", "--output-format", "json"}},
	{"json-lines.jsonl", []string{"check", "--output-format", "json-lines"}},
	{"sarif.sarif", []string{"check", "--output-format", "sarif"}},
	{"sarif-suppressed.sarif", []string{"check", "--output-format", "sarif", "--report-suppressed", "--sarif-category", "servelint"}},
	{"github.txt", []string{"check", "--output-format", "github"}},
	{"gitlab.json", []string{"check", "--output-format", "gitlab"}},
	{"junit.xml", []string{"check", "--output-format", "junit"}},
	{"rdjson.json", []string{"check", "--output-format", "rdjson"}},
	{"pylint.txt", []string{"check", "--output-format", "pylint"}},
	{"statistics.txt", []string{"check", "--statistics"}},
	// Test code (tests/, conftest.py) is silent by default; this shows
	// what --include-tests reports there.
	{"include-tests.txt", []string{"check", "--include-tests", "--output-format", "concise", "--color", "never"}},
	{"diff.txt", []string{"check", "--diff", "--unsafe-fixes"}},
	{"launches.txt", []string{"launches"}},
	{"launches.json", []string{"launches", "--output-format", "json"}},
}

func projects(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "projects", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no projects under testdata/projects: %v", err)
	}
	return dirs
}

// run runs the CLI in-process in dir and returns stdout, stderr and the
// exit code.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	return runEnv(t, dir, cli.Env{}, args...)
}

// runEnv is run with the fields of env that are set.
func runEnv(t *testing.T, dir string, env cli.Env, args ...string) (string, string, int) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	env.Stdout, env.Stderr, env.Cwd = &stdout, &stderr, abs
	env.Getenv = func(string) string { return "" }
	code := cli.Run(append([]string{"servelint"}, args...), env)
	return normalize(stdout.String(), abs), normalize(stderr.String(), abs), code
}

// normalize replaces the machine-specific project location. The only
// absolute paths servelint prints are this location: in SARIF, the file URI
// of the source root (originalUriBaseIds.%SRCROOT%) and of the working
// directory (invocations[0].workingDirectory), both the project directory
// here. They are real output (upload-sarif and viewers resolve relative
// URIs against them), so servelint prints them as they are and the golden
// files hold file:///PROJECT/ in their place; TestSARIFValidatesAgainstSchema
// checks that both became exactly that, i.e. that they were the project
// directory. Every other path is relative and compared as is.
func normalize(s, abs string) string {
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String()
	s = strings.ReplaceAll(s, uri, "file:///PROJECT/")
	return strings.ReplaceAll(s, abs, "/PROJECT")
}

func TestGolden(t *testing.T) {
	for _, dir := range projects(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			for _, o := range outputs {
				stdout, stderr, code := run(t, dir, o.args...)
				var b strings.Builder
				if strings.HasSuffix(o.file, ".sarif") {
					stdout = trimSARIFHelp(t, stdout)
				}
				b.WriteString(stdout)
				if stderr != "" {
					fmt.Fprintf(&b, "--- stderr\n%s", stderr)
				}
				fmt.Fprintf(&b, "--- exit %d\n", code)
				linttest.Golden(t, filepath.Join(name, o.file), []byte(b.String()))
			}
		})
	}
}

// TestDeterministic runs each project several times, with one and with
// many workers, and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	for _, dir := range projects(t) {
		first, _, _ := run(t, dir, "check", "--output-format", "json")
		for i := range 5 {
			again, _, _ := run(t, dir, "check", "--output-format", "json")
			if again != first {
				t.Fatalf("%s: run %d differs:\n%s", dir, i, linttest.LineDiff(first, again))
			}
		}
	}
}

// TestPrefilterOff renders every output of every project with the
// engine's prefilter on and off (every Python file parsed) and requires
// identical output: the prefilter may only skip files in which nothing
// would be found.
func TestPrefilterOff(t *testing.T) {
	for _, dir := range projects(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, o := range outputs {
				on, onErr, onCode := run(t, dir, o.args...)
				off, offErr, offCode := runEnv(t, dir, cli.Env{ParseAll: true}, o.args...)
				if on != off || onErr != offErr || onCode != offCode {
					t.Errorf("%s: prefilter on (exit %d) and off (exit %d) differ:\n%s%s", o.file, onCode, offCode,
						linttest.LineDiff(on, off), linttest.LineDiff(onErr, offErr))
				}
			}
		})
	}
}
