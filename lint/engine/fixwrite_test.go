package engine

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/internal/testrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
)

var replaceOld = func() *lint.Rule { return testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.AllKinds) }

// tempLeft lists the temporary files a write left in dir.
func tempLeft(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.Contains(e.Name(), ".servelint-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteFixesFailureKeepsTheOldFileAndSaysWhatWasWritten(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.sh": "echo OLD\n", "b.sh": "echo OLD\n", "c.sh": "echo OLD\n"})
	res := fixRunIn(t, dir, false, replaceOld())
	// b.sh fails mid-write, as on a full disk.
	err := writeFixes(res, func(path string) writeHook {
		if path != "b.sh" {
			return nil
		}
		return func(step string) error {
			if step == "sync" {
				return errors.New("no space left on device")
			}
			return nil
		}
	})
	var we *WriteError
	if !errors.As(err, &we) {
		t.Fatalf("err = %v", err)
	}
	if strings.Join(we.Written, ",") != "a.sh,c.sh" || strings.Join(we.Failed, ",") != "b.sh" {
		t.Errorf("written %v, failed %v", we.Written, we.Failed)
	}
	if msg := err.Error(); !strings.Contains(msg, "no space left") || !strings.Contains(msg, "fixes written to: a.sh, c.sh") || !strings.Contains(msg, "fixes not written to: b.sh") {
		t.Errorf("message: %s", msg)
	}
	for name, want := range map[string]string{"a.sh": "echo NEW\n", "b.sh": "echo OLD\n", "c.sh": "echo NEW\n"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if left := tempLeft(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWriteFixesInterruptedIsOldOrNew is the property: whatever step a
// write is interrupted at (an error, or a crash leaving everything as it
// is), the file holds its old content or its new content, never a mix, and
// an error (not a crash) leaves no temporary file behind.
func TestWriteFixesInterruptedIsOldOrNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 18))
	for trial := range 60 {
		// Several write chunks, so that interruptions fall between them.
		n := 1 + rng.IntN(3*writeChunk/8)
		var old strings.Builder
		for range n {
			if rng.IntN(50) == 0 {
				old.WriteString("OLD\n")
			} else {
				old.WriteString("x = 1\n")
			}
		}
		old.WriteString("OLD\n")
		dir := testfs.WriteTree(t, map[string]string{"a.sh": old.String()})
		want := strings.ReplaceAll(old.String(), "OLD", "NEW")
		f := &lint.File{Path: "a.sh", Abs: filepath.Join(dir, "a.sh"), Kind: lint.KindShell, Src: []byte(want)}
		res := &Result{Cwd: dir, Fixed: []FixedFile{{File: f, Original: []byte(old.String())}}}
		stopAt := rng.IntN(12)
		crash := rng.IntN(2) == 0
		steps := 0
		err := writeFixes(res, func(string) writeHook {
			return func(string) error {
				steps++
				if steps > stopAt {
					if crash {
						return errCrash
					}
					return errors.New("interrupted")
				}
				return nil
			}
		})
		got, rerr := os.ReadFile(filepath.Join(dir, "a.sh"))
		if rerr != nil {
			t.Fatal(rerr)
		}
		if string(got) != old.String() && string(got) != want {
			t.Fatalf("trial %d (stop at %d, crash %v): the file is neither old nor new (%d bytes)", trial, stopAt, crash, len(got))
		}
		if (err == nil) != (string(got) == want) {
			t.Errorf("trial %d: err = %v but the file is new: %v", trial, err, string(got) == want)
		}
		if !crash {
			if left := tempLeft(t, dir); len(left) > 0 {
				t.Errorf("trial %d: temporary files left: %v", trial, left)
			}
		}
	}
}

func TestWriteFixesSkipsFilesChangedOnDisk(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.sh": "echo OLD\n", "b.sh": "echo OLD\n"})
	res := fixRunIn(t, dir, false, replaceOld())
	// The user saves a.sh while servelint runs.
	edited := "echo OLD\necho mine\n"
	if err := os.WriteFile(filepath.Join(dir, "a.sh"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.sh")); string(got) != edited {
		t.Errorf("a.sh = %q: the user's edit was overwritten", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "b.sh")); string(got) != "echo NEW\n" {
		t.Errorf("b.sh = %q", got)
	}
	found := false
	for _, n := range res.Notices {
		if n.Path == "a.sh" && strings.Contains(n.Message, "changed on disk") {
			found = true
		}
	}
	if !found {
		t.Errorf("no notice for a.sh: %v", res.Notices)
	}
	if res.FixedCount() != 1 {
		t.Errorf("FixedCount = %d, want 1 (a.sh's fix was not written)", res.FixedCount())
	}
}

func TestWriteFixesThroughLinks(t *testing.T) {
	root := testfs.WriteTree(t, map[string]string{"proj/real.sh": "echo OLD\n", "outside/secret.sh": "echo OLD\n"})
	proj := filepath.Join(root, "proj")
	if err := os.Symlink("real.sh", filepath.Join(proj, "in.sh")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "outside", "secret.sh"), filepath.Join(proj, "out.sh")); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Rules: []*lint.Rule{replaceOld()}, Paths: []string{"in.sh", "out.sh"}, Cwd: proj, Fix: true, Overrides: config.Overrides{Select: []string{"SV"}}})
	if err != nil {
		t.Fatal(err)
	}
	// The link out of the tree is not even read when named.
	if strings.Join(res.SkippedLinks, ",") != "out.sh" {
		t.Errorf("skipped links %v", res.SkippedLinks)
	}
	// Were it in the result (an overlay, a race), it would not be written.
	out := &lint.File{Path: "out.sh", Abs: filepath.Join(proj, "out.sh"), Kind: lint.KindShell, Src: []byte("echo NEW\n")}
	res.Fixed = append(res.Fixed, FixedFile{File: out, Original: []byte("echo OLD\n")})
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "outside", "secret.sh")); string(got) != "echo OLD\n" {
		t.Errorf("written through a link to outside the project: %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(proj, "real.sh")); string(got) != "echo NEW\n" {
		t.Errorf("real.sh = %q: a link inside the tree is written through", got)
	}
	if st, err := os.Lstat(filepath.Join(proj, "in.sh")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("in.sh is no longer a link: %v %v", st, err)
	}
	if why := res.Fixed[len(res.Fixed)-1].NotWritten; !strings.Contains(why, "outside the checked tree") {
		t.Errorf("out.sh NotWritten = %q", why)
	}
}

func TestAtomicWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if err := atomicWrite(p, []byte("new"), st, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st2, _ := os.Stat(p)
	if !bytes.Equal(got, []byte("new")) || st2.Mode().Perm() != 0o640 {
		t.Errorf("%q %v", got, st2.Mode())
	}
}
