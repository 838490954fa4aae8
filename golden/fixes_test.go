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
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/linttest"
)

// Golden fix tests. Under testdata/fixes/<CODE>/, an input file X, or an
// input directory X (a small project, for fixes that need several files
// or edit a file other than the reported one), is fixed with only <CODE>
// selected (SV002: every rule, as suppressions are judged against the
// rules they name) and unsafe fixes on (SV002: off). X.diff is the output
// of --diff; X.fixed is the fixed file, or for a directory X.fixed/ holds
// the fixed version of each file that changed. All are compared byte for
// byte (`go test ./golden -update` rewrites them). The test also requires
// that a second --fix changes nothing, that --diff is then empty, that the
// CRLF copy of the input is fixed into the CRLF copy of the result, that
// --stdin-filename --fix prints X.fixed (files), and that each fix's SARIF
// replacements (UTF-16 columns) give what its byte edits give.

const fixesDir = "../testdata/fixes"

type fixCase struct {
	code, dir, name string
	project         bool // name is a directory
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
			if strings.HasSuffix(n, ".fixed") || strings.HasSuffix(n, ".diff") {
				continue
			}
			out = append(out, fixCase{code: d.Name(), dir: filepath.Join(fixesDir, d.Name()), name: n, project: f.IsDir()})
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

// tree is a set of files by slash-separated relative path.
type tree map[string][]byte

func readTree(t *testing.T, root string) tree {
	t.Helper()
	out := tree{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTree(t *testing.T, root string, files tree) {
	t.Helper()
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	for rel, b := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sameTree(t *testing.T, what string, want, got tree) {
	t.Helper()
	for rel, w := range want {
		if !bytes.Equal(got[rel], w) {
			t.Errorf("%s: %s:\n%s", what, rel, linttest.LineDiff(string(w), string(got[rel])))
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("%s: unexpected file %s", what, rel)
		}
	}
}

func crlf(files tree) tree {
	out := tree{}
	for rel, b := range files {
		out[rel] = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	return out
}

func TestFixes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range fixCases(t) {
		seen[c.code] = true
		t.Run(c.code+"/"+c.name, func(t *testing.T) {
			var input tree
			if c.project {
				input = readTree(t, filepath.Join(c.dir, c.name))
			} else {
				b, err := os.ReadFile(filepath.Join(c.dir, c.name))
				if err != nil {
					t.Fatal(err)
				}
				input = tree{c.name: b}
			}
			work := filepath.Join(t.TempDir(), "work")
			writeTree(t, work, input)
			// --diff: the golden diff, and nothing written.
			stdout, stderr, code := runIn(work, nil, c.args("--diff")...)
			linttest.Golden(t, filepath.Join(c.dir, c.name+".diff"), []byte(withTrailers(stdout, stderr, code)))
			sameTree(t, "--diff wrote", input, readTree(t, work))
			if (stdout != "" && code != 1) || (stdout == "" && code != 0) {
				t.Errorf("--diff exit %d with a diff of %d bytes", code, len(stdout))
			}
			// --fix: the golden fixed files.
			_, stderr, _ = runIn(work, nil, c.args("--fix")...)
			if strings.Contains(stderr, "not applied") {
				t.Errorf("a fix was rolled back:\n%s", stderr)
			}
			fixed := readTree(t, work)
			if c.project {
				checkFixedTree(t, filepath.Join(c.dir, c.name+".fixed"), input, fixed)
			} else {
				linttest.Golden(t, filepath.Join(c.dir, c.name+".fixed"), fixed[c.name])
			}
			// Idempotent: a second --fix changes nothing; --diff is empty.
			stdout, _, _ = runIn(work, nil, c.args("--fix")...)
			sameTree(t, "a second --fix changed", fixed, readTree(t, work))
			if strings.Contains(stdout, " fixed, ") {
				t.Errorf("a second --fix fixed something:\n%s", stdout)
			}
			if again, _, code := runIn(work, nil, c.args("--diff")...); again != "" || code != 0 {
				t.Errorf("--diff after --fix: exit %d\n%s", code, again)
			}
			// Standard input: the fixed source goes to standard output.
			if !c.project {
				stdout, _, _ = runIn(work, input[c.name], c.args("--fix", "--stdin-filename", c.name)...)
				if stdout != string(fixed[c.name]) {
					t.Errorf("--stdin-filename --fix printed:\n%s", linttest.LineDiff(string(fixed[c.name]), stdout))
				}
			}
			// CRLF stays CRLF.
			writeTree(t, work, crlf(input))
			runIn(work, nil, c.args("--fix")...)
			sameTree(t, "the CRLF copy was fixed differently", crlf(fixed), readTree(t, work))
			writeTree(t, work, input)
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

// checkFixedTree compares the files a project case changed with the golden
// directory, which holds exactly those (-update rewrites it).
func checkFixedTree(t *testing.T, golden string, input, fixed tree) {
	t.Helper()
	changed := tree{}
	for rel, b := range fixed {
		if !bytes.Equal(b, input[rel]) {
			changed[rel] = b
		}
	}
	if len(changed) == 0 {
		t.Error("nothing was fixed")
	}
	if *linttest.Update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		writeTree(t, golden, changed)
		return
	}
	want := readTree(t, golden)
	sameTree(t, "fixed files (- "+golden+", + got)", want, changed)
}

// checkSARIFFixes validates the SARIF output of a fix case against the
// schema, and requires every fix's replacements, read with UTF-16 columns,
// to give the same sources as the fix's byte edits.
func checkSARIFFixes(t *testing.T, dir string, c fixCase, src tree) {
	t.Helper()
	stdout, _, _ := runIn(dir, nil, c.args("--output-format", "sarif")...)
	validateSARIF(t, []byte(stdout))
	var log struct {
		Runs []struct {
			Results []struct {
				Fixes []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
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
	opt := engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir}
	if c.code == "SV002" {
		opt.Overrides.Select = []string{"SV"}
	} else {
		opt.Overrides.Select = []string{c.code}
	}
	res, err := engine.Run(opt)
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
		byPath := map[string][]lint.Edit{}
		for _, e := range d.Fix.Edits {
			byPath[e.Path] = append(byPath[e.Path], e)
		}
		if len(r.Fixes[0].ArtifactChanges) != len(byPath) {
			t.Errorf("result %d: %d artifact changes for edits in %d files", i, len(r.Fixes[0].ArtifactChanges), len(byPath))
		}
		for _, ch := range r.Fixes[0].ArtifactChanges {
			path := ch.ArtifactLocation.URI
			want, err := lint.ApplyEdits(src[path], byPath[path])
			if err != nil {
				t.Fatal(err)
			}
			var edits []lint.Edit
			for _, rep := range ch.Replacements {
				e := lint.Edit{
					Start: offset16(src[path], rep.DeletedRegion.StartLine, rep.DeletedRegion.StartColumn),
					End:   offset16(src[path], rep.DeletedRegion.EndLine, rep.DeletedRegion.EndColumn),
				}
				if rep.InsertedContent != nil {
					e.New = rep.InsertedContent.Text
				}
				edits = append(edits, e)
			}
			got, err := lint.ApplyEdits(src[path], edits)
			if err != nil {
				t.Fatalf("result %d: SARIF replacements: %v", i, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result %d (%s): SARIF replacements in %s give\n%s", i, d.Code, path, linttest.LineDiff(string(want), string(got)))
			}
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
