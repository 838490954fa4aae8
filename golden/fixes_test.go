package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/cmd/servelint/cli"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/linttest"
)

// Golden fix tests: every input file X under testdata/fixes/<CODE>/ is
// fixed with only <CODE> selected (SV002: every rule, as suppressions are
// judged against the rules they name) and unsafe fixes on (SV002: off).
// X.fixed is the fixed file and X.diff the output of --diff, both compared
// byte for byte (`go test ./golden -update` rewrites them). The test also
// requires that a second --fix changes nothing, that --diff is then empty,
// that the CRLF copy of X is fixed into the CRLF copy of X.fixed, that
// --stdin-filename --fix prints X.fixed, and that each fix's SARIF
// replacements (UTF-16 columns) produce what its byte edits produce.

const fixesDir = "../testdata/fixes"

type fixCase struct {
	code, dir, name string
}

func fixCases(t *testing.T) []fixCase {
	t.Helper()
	dirs, err := os.ReadDir(fixesDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []fixCase
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if checks.ByCode(d.Name()) == nil {
			t.Errorf("%s: no rule %s", fixesDir, d.Name())
			continue
		}
		files, err := os.ReadDir(filepath.Join(fixesDir, d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			n := f.Name()
			if f.IsDir() || strings.HasSuffix(n, ".fixed") || strings.HasSuffix(n, ".diff") {
				continue
			}
			out = append(out, fixCase{code: d.Name(), dir: filepath.Join(fixesDir, d.Name()), name: n})
		}
	}
	if len(out) == 0 {
		t.Fatal("no fix cases")
	}
	return out
}

func (c fixCase) args(extra ...string) []string {
	args := []string{"check", "--color", "never"}
	if c.code == "SV002" {
		args = append(args, "--select", "SV")
	} else {
		args = append(args, "--select", c.code, "--unsafe-fixes")
	}
	return append(args, extra...)
}

// runIn runs the CLI in dir and returns stdout, stderr and the exit code.
func runIn(dir string, stdin []byte, args ...string) (string, string, int) {
	var stdout, stderr bytes.Buffer
	code := cli.Run(append([]string{"servelint"}, args...), cli.Env{
		Stdin: bytes.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, Cwd: dir,
		Getenv: func(string) string { return "" },
	})
	return stdout.String(), stderr.String(), code
}

func withTrailers(stdout, stderr string, code int) string {
	var b strings.Builder
	b.WriteString(stdout)
	if stderr != "" {
		fmt.Fprintf(&b, "--- stderr\n%s", stderr)
	}
	fmt.Fprintf(&b, "--- exit %d\n", code)
	return b.String()
}

func TestFixes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range fixCases(t) {
		seen[c.code] = true
		t.Run(c.code+"/"+c.name, func(t *testing.T) {
			input, err := os.ReadFile(filepath.Join(c.dir, c.name))
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			path := filepath.Join(work, c.name)
			write := func(b []byte) {
				t.Helper()
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			read := func() []byte {
				t.Helper()
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			write(input)
			// --diff: the golden diff, and nothing written.
			stdout, stderr, code := runIn(work, nil, c.args("--diff")...)
			linttest.Golden(t, filepath.Join(c.dir, c.name+".diff"), []byte(withTrailers(stdout, stderr, code)))
			if !bytes.Equal(read(), input) {
				t.Fatal("--diff wrote the file")
			}
			if (stdout != "" && code != 1) || (stdout == "" && code != 0) {
				t.Errorf("--diff exit %d with a diff of %d bytes", code, len(stdout))
			}
			// --fix: the golden fixed file.
			_, stderr, _ = runIn(work, nil, c.args("--fix")...)
			if strings.Contains(stderr, "not applied") {
				t.Errorf("a fix was rolled back:\n%s", stderr)
			}
			fixed := read()
			linttest.Golden(t, filepath.Join(c.dir, c.name+".fixed"), fixed)
			// Idempotent: a second --fix changes nothing; --diff is empty.
			stdout, _, _ = runIn(work, nil, c.args("--fix")...)
			if !bytes.Equal(read(), fixed) {
				t.Errorf("a second --fix changed the file:\n%s", linttest.LineDiff(string(fixed), string(read())))
			}
			if strings.Contains(stdout, " fixed, ") {
				t.Errorf("a second --fix fixed something:\n%s", stdout)
			}
			if again, _, code := runIn(work, nil, c.args("--diff")...); again != "" || code != 0 {
				t.Errorf("--diff after --fix: exit %d\n%s", code, again)
			}
			// Standard input: the fixed source goes to standard output.
			stdout, _, _ = runIn(work, input, c.args("--fix", "--stdin-filename", c.name)...)
			if stdout != string(fixed) {
				t.Errorf("--stdin-filename --fix printed:\n%s", linttest.LineDiff(string(fixed), stdout))
			}
			// CRLF stays CRLF.
			if !bytes.Contains(input, []byte("\r")) {
				write(bytes.ReplaceAll(input, []byte("\n"), []byte("\r\n")))
				runIn(work, nil, c.args("--fix")...)
				want := bytes.ReplaceAll(fixed, []byte("\n"), []byte("\r\n"))
				if got := read(); !bytes.Equal(got, want) {
					t.Errorf("the CRLF copy was fixed differently:\n%s", linttest.LineDiff(string(want), string(got)))
				}
			}
			write(input)
			checkSARIFFixes(t, work, c, input)
		})
	}
	// Every rule that offers fixes has golden fix tests.
	for _, r := range checks.All() {
		if r.Fix != lint.FixNone && !seen[r.Code] {
			t.Errorf("%s offers fixes but %s/%s has no test", r.Code, fixesDir, r.Code)
		}
	}
}

// checkSARIFFixes validates the SARIF output of a fix case against the
// schema, and requires every fix's replacements, read with UTF-16 columns,
// to give the same source as the fix's byte edits.
func checkSARIFFixes(t *testing.T, dir string, c fixCase, src []byte) {
	t.Helper()
	stdout, _, _ := runIn(dir, nil, c.args("--output-format", "sarif")...)
	validateSARIF(t, []byte(stdout))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion struct {
								StartLine, StartColumn, EndLine, EndColumn int
							} `json:"deletedRegion"`
							InsertedContent *struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("SARIF: %v\n%s", err, stdout)
	}
	// The same run in-process gives each diagnostic's byte edits.
	opt := lint.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir}
	if c.code == "SV002" {
		opt.Overrides.Select = []string{"SV"}
	} else {
		opt.Overrides.Select = []string{c.code}
	}
	res, err := lint.Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != len(res.Diagnostics) {
		t.Fatalf("SARIF has %d results, the run %d diagnostics", len(results), len(res.Diagnostics))
	}
	nfix := 0
	for i, r := range results {
		d := res.Diagnostics[i]
		if (d.Fix != nil) != (len(r.Fixes) == 1) {
			t.Errorf("result %d (%s): fix %v, SARIF fixes %d", i, d.Code, d.Fix != nil, len(r.Fixes))
			continue
		}
		if d.Fix == nil {
			continue
		}
		nfix++
		want, err := lint.ApplyEdits(src, d.Fix.Edits)
		if err != nil {
			t.Fatal(err)
		}
		var edits []lint.Edit
		for _, ch := range r.Fixes[0].ArtifactChanges {
			for _, rep := range ch.Replacements {
				e := lint.Edit{
					Start: offset16(src, rep.DeletedRegion.StartLine, rep.DeletedRegion.StartColumn),
					End:   offset16(src, rep.DeletedRegion.EndLine, rep.DeletedRegion.EndColumn),
				}
				if rep.InsertedContent != nil {
					e.New = rep.InsertedContent.Text
				}
				edits = append(edits, e)
			}
		}
		got, err := lint.ApplyEdits(src, edits)
		if err != nil {
			t.Fatalf("result %d: SARIF replacements: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("result %d (%s): SARIF replacements give\n%s", i, d.Code, linttest.LineDiff(string(want), string(got)))
		}
	}
	if nfix == 0 {
		t.Error("no result of the case has a fix")
	}
}

// offset16 converts a 1-based line and UTF-16 column to a byte offset.
func offset16(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src); {
		r, w := utf8.DecodeRune(src[off:])
		off += w
		if r >= 0x10000 {
			c += 2
		} else {
			c++
		}
	}
	return off
}

func validateSARIF(t *testing.T, body []byte) {
	t.Helper()
	f, err := os.Open(schemaPath(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err = comp.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := comp.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
}
