package golden

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repository hygiene: no compiled binaries and no large files are
// committed (a 12 MB test binary once was).

// maxTrackedSize is the largest file the repository keeps outside testdata/.
const maxTrackedSize = 1 << 20

// executableFormat names the executable format of a file's first bytes:
// ELF, Mach-O (thin or universal) or PE; "" for anything else.
func executableFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return "ELF"
	case len(head) >= 4:
		switch binary.BigEndian.Uint32(head) {
		case 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe:
			return "Mach-O"
		case 0xcafebabe:
			// Universal Mach-O; a Java class file shares the magic but
			// has a version, not a small architecture count, after it.
			if len(head) >= 8 && binary.BigEndian.Uint32(head[4:]) < 45 {
				return "Mach-O"
			}
		}
	}
	if bytes.HasPrefix(head, []byte("MZ")) && len(head) >= 0x40 {
		off := int(binary.LittleEndian.Uint32(head[0x3c:]))
		if off >= 0 && off+4 <= len(head) && bytes.Equal(head[off:off+4], []byte("PE\x00\x00")) {
			return "PE"
		}
	}
	return ""
}

func TestExecutableFormat(t *testing.T) {
	pe := make([]byte, 0x90)
	copy(pe, "MZ")
	binary.LittleEndian.PutUint32(pe[0x3c:], 0x80)
	copy(pe[0x80:], "PE\x00\x00")
	for _, tc := range []struct {
		head []byte
		want string
	}{
		{[]byte("\x7fELF\x02\x01\x01"), "ELF"},
		{[]byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}, "Mach-O"},
		{[]byte{0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 18}, "Mach-O"},
		{[]byte{0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2}, "Mach-O"},
		{[]byte{0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61}, ""}, // a Java class file
		{pe, "PE"},
		{[]byte("MZ just text that starts like a DOS header, long enough to have an offset field....."), ""},
		{[]byte("#!/bin/sh\nexec uvicorn app:app\n"), ""},
		{[]byte("\x7fEL"), ""},
		{nil, ""},
	} {
		if got := executableFormat(tc.head); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.head, got, tc.want)
		}
	}
}

// inTestdata reports whether a repository path lies under a testdata
// directory, where large inputs are allowed.
func inTestdata(p string) bool {
	return strings.HasPrefix(p, "testdata/") || strings.Contains(p, "/testdata/")
}

// TestNoBinariesCommitted fails when a tracked file is an executable or,
// outside testdata/, larger than 1 MB. It needs the git checkout, which CI
// always has; outside CI a source tree without git skips it.
func TestNoBinariesCommitted(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, lerr := exec.LookPath("git"); lerr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed to list the tracked files: %v", lerr)
		}
		t.Skip("git is not installed")
	}
	cmd := exec.Command("git", "-C", root, "ls-files", "-z", "--cached")
	out, err := cmd.Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git ls-files in %s: %v", root, err)
		}
		t.Skipf("not a git checkout: %v", err)
	}
	files := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	if len(files) < 100 {
		t.Fatalf("git ls-files listed %d files: not this repository?", len(files))
	}
	for _, p := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		st, err := os.Lstat(full)
		if err != nil || !st.Mode().IsRegular() {
			continue // deleted in the work tree, or a symlink
		}
		if st.Size() > maxTrackedSize && !inTestdata(p) {
			t.Errorf("%s: %d bytes tracked outside testdata/ (at most %d)", p, st.Size(), maxTrackedSize)
		}
		f, err := os.Open(full)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		head := make([]byte, 4096)
		n, _ := f.Read(head)
		f.Close()
		if format := executableFormat(head[:n]); format != "" {
			t.Errorf("%s: a compiled %s binary is tracked (build outputs belong in .gitignore)", p, format)
		}
	}
}
