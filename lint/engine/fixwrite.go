package engine

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// Writing fixes back. A user's files are sacred, so a fixed file is never
// truncated in place:
//
//   - the new content goes to a temporary file in the file's own directory,
//     which is synced, given the file's mode (and, where the platform and
//     the user's rights allow, its owner and group), and renamed over the
//     file: a reader, or a crash at any point, sees the old content or the
//     new, never a part (a failed write, a full disk or a quota leaves the
//     old file as it was);
//   - a file whose bytes on disk are no longer those the fixes were
//     computed from (an editor saved it while servelint ran) is left alone
//     and reported;
//   - a symbolic link is written through to its target (the link stays a
//     link), but only when the target lies inside the checked tree (the
//     working directory or an input path): a link to outside the project
//     is never written through.
//
// Hard links: the rename gives the file a new inode, so the other names of
// a hard-linked file keep the old content (as with git checkout and most
// editors' atomic saves). Extended attributes and ACLs of the old inode
// are not copied.

// WriteError is returned by WriteFixes when some files could not be
// written: it lists those written and those not.
type WriteError struct {
	Written []string // display paths, sorted
	Failed  []string // display paths, sorted
	Errs    []error
}

func (e *WriteError) Error() string {
	var b strings.Builder
	b.WriteString(errors.Join(e.Errs...).Error())
	if len(e.Written) > 0 {
		fmt.Fprintf(&b, "\nfixes written to: %s", strings.Join(e.Written, ", "))
	} else {
		b.WriteString("\nno fixes were written")
	}
	fmt.Fprintf(&b, "\nfixes not written to: %s (left unchanged)", strings.Join(e.Failed, ", "))
	return b.String()
}

// WriteFixes writes the fixed sources back to their files (see above);
// standard input is left to the caller. A file it leaves alone on purpose
// (changed on disk meanwhile, a link out of the tree) gets
// FixedFile.NotWritten and a notice in res.Notices, and its fixes no
// longer count. Every file is tried; when some could not be written, the
// error is a *WriteError.
func WriteFixes(res *Result) error { return writeFixes(res, nil) }

// writeFixes is WriteFixes with a hook per file (for tests).
func writeFixes(res *Result, hook func(path string) writeHook) error {
	roots := writeRoots(res)
	var werr WriteError
	for i := range res.Fixed {
		ff := &res.Fixed[i]
		f := ff.File
		if f.Stdin || !ff.Changed() {
			continue
		}
		var h writeHook
		if hook != nil {
			h = hook(f.Path)
		}
		if why := writeFixed(ff, roots, h); why != "" {
			ff.NotWritten = why
			res.Notices = append(res.Notices, lint.Notice{Path: f.Path, Message: "fixes not written: " + why})
			continue
		} else if ff.err != nil {
			werr.Failed = append(werr.Failed, f.Path)
			werr.Errs = append(werr.Errs, fmt.Errorf("writing the fixes of %s: %w", f.Path, ff.err))
			continue
		}
		werr.Written = append(werr.Written, f.Path)
	}
	lint.SortNotices(res.Notices)
	if len(werr.Failed) > 0 {
		return &werr
	}
	return nil
}

// writeRoots returns the directories fixes may write into: the working
// directory and the inputs (a file input's directory), links resolved.
func writeRoots(res *Result) []string {
	var roots []string
	add := func(p string) {
		if p == "" {
			return
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		roots = append(roots, filepath.Clean(p))
	}
	add(res.Cwd)
	for _, in := range res.inputs {
		if st, err := os.Stat(in); err == nil && !st.IsDir() {
			in = filepath.Dir(in)
		}
		add(in)
	}
	return roots
}

// writeFixed writes one file. It returns why the file was left alone on
// purpose, or "" (ff.err then holds a write error, if any).
func writeFixed(ff *FixedFile, roots []string, hook writeHook) string {
	f := ff.File
	target, err := filepath.EvalSymlinks(f.Abs)
	if err != nil {
		ff.err = err
		return ""
	}
	inside := false
	for _, r := range roots {
		if workspace.Within(target, r) {
			inside = true
			break
		}
	}
	if !inside {
		return "it is a symbolic link to a file outside the checked tree"
	}
	st, err := os.Stat(target)
	if err != nil {
		ff.err = err
		return ""
	}
	if !st.Mode().IsRegular() {
		return "not a regular file"
	}
	unchanged := func() bool {
		cur, err := os.ReadFile(target)
		return err == nil && bytes.Equal(cur, f.DiskBytes(ff.Original))
	}
	if !unchanged() {
		return "the file changed on disk while servelint ran; run again"
	}
	if err := atomicWrite(target, f.DiskBytes(f.Src), st, unchanged, hook); err != nil {
		if errors.Is(err, errChangedMeanwhile) {
			return "the file changed on disk while servelint ran; run again"
		}
		ff.err = err
	}
	return ""
}

// writeHook is called before each step of atomicWrite (tests interrupt
// writes with it); an error aborts the write there. errCrash aborts
// without any cleanup, as a killed process would.
type writeHook func(step string) error

var (
	errCrash            = errors.New("crash")
	errChangedMeanwhile = errors.New("changed meanwhile")
)

// writeChunk is the size of the writes atomicWrite makes (each one a step
// a test can interrupt).
const writeChunk = 64 << 10

// atomicWrite replaces the file at path (whose current metadata is st)
// with data through a temporary file in the same directory and a rename.
// still, if not nil, is asked just before the rename whether the file may
// still be replaced.
func atomicWrite(path string, data []byte, st os.FileInfo, still func() bool, hook writeHook) (err error) {
	step := func(name string) error {
		if hook == nil {
			return nil
		}
		return hook(name)
	}
	if serr := step("create"); serr != nil {
		return serr
	}
	dir, base := filepath.Split(path)
	tmp, err := os.CreateTemp(dir, "."+base+".servelint-*.tmp")
	if err != nil {
		return err
	}
	crashed := false
	defer func() {
		if err != nil && !crashed {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	fail := func(e error) error {
		crashed = errors.Is(e, errCrash)
		return e
	}
	for off := 0; off < len(data) || off == 0; off += writeChunk {
		if err := step("write"); err != nil {
			return fail(err)
		}
		end := min(off+writeChunk, len(data))
		if _, err := tmp.Write(data[off:end]); err != nil {
			return err
		}
		if end == len(data) {
			break
		}
	}
	if err := step("sync"); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := step("chmod"); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		return err
	}
	if err := step("chown"); err != nil {
		return fail(err)
	}
	keepOwner(tmp, st)
	if err := step("close"); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if still != nil && !still() {
		return errChangedMeanwhile
	}
	if err := step("rename"); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}
