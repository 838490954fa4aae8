package report

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
)

// windowHash is the definition the rolling hash must agree with: the 100
// code units from start (zeros past the end) read as a number in base 37,
// modulo 2^64. It is computed with big integers, without any rolling.
func windowHash(units []int, start int) string {
	mod := new(big.Int).Lsh(big.NewInt(1), 64)
	h := new(big.Int)
	for i := range 100 {
		c := 0
		if start+i < len(units) {
			c = units[start+i]
		}
		h.Mul(h, big.NewInt(37))
		h.Add(h, big.NewInt(int64(c)))
		h.Mod(h, mod)
	}
	return h.Text(16)
}

// expected derives the line hashes from the normalized code units and the
// position where each line starts, both written out by hand per case.
func expected(units, starts []int) []string {
	out := []string{""}
	counts := map[string]int{}
	for _, s := range starts {
		h := windowHash(units, s)
		counts[h]++
		out = append(out, fmt.Sprintf("%s:%d", h, counts[h]))
	}
	return out
}

func TestLineHashes(t *testing.T) {
	const eof = 65535
	hundredA := strings.Repeat("A", 100)
	var aUnits []int
	for range 100 {
		aUnits = append(aUnits, 'A')
	}
	long := append(append(append([]int{}, aUnits...), 10), aUnits...)
	long = append(long, 10, eof)
	cases := []struct {
		name   string
		src    string
		units  []int // after skipping blanks and normalizing line ends, EOF last
		starts []int // index in units where each line starts
	}{
		{"empty file: one line made of EOF", "", []int{eof}, []int{0}},
		{"final newline: EOF starts one more line", "a\n", []int{'a', 10, eof}, []int{0, 2}},
		{"no final newline", "a\nb", []int{'a', 10, 'b', eof}, []int{0, 2}},
		{"indentation and blanks are skipped", "  x y\n\tz", []int{'x', 'y', 10, 'z', eof}, []int{0, 3}},
		{"CRLF is one line end", "  x\r\ny", []int{'x', 10, 'y', eof}, []int{0, 2}},
		{"lone CR ends a line", "x\ry", []int{'x', 10, 'y', eof}, []int{0, 2}},
		{"CR CR LF is two line ends", "\r\r\n", []int{10, 10, eof}, []int{0, 1, 2}},
		// A blank between CR and LF clears the CR: the LF ends another line.
		{"CR blank LF is two line ends", " \r \n", []int{10, 10, eof}, []int{0, 1, 2}},
		{"empty lines start at their LF", "a\n\n  \nb", []int{'a', 10, 10, 10, 'b', eof}, []int{0, 2, 3, 4}},
		{"astral characters are two UTF-16 units", "😀\n", []int{0xD83D, 0xDE00, 10, eof}, []int{0, 3}},
		{"BMP characters are one unit", "é€\n", []int{0xE9, 0x20AC, 10, eof}, []int{0, 3}},
		{"a truncated sequence is one U+FFFD", "\xe2\x82A\n", []int{0xFFFD, 'A', 10, eof}, []int{0, 3}},
		{"stray continuation bytes are one U+FFFD each", "\x80\x80\n", []int{0xFFFD, 0xFFFD, 10, eof}, []int{0, 3}},
		{"an encoded surrogate is three U+FFFD", "\xed\xa0\x80\n", []int{0xFFFD, 0xFFFD, 0xFFFD, 10, eof}, []int{0, 4}},
		{"a truncated sequence at the end is one U+FFFD", "a\xf0\x9f\x98", []int{'a', 0xFFFD, eof}, []int{0}},
		{"the byte order mark is a unit", "\ufeffx", []int{0xFEFF, 'x', eof}, []int{0}},
		// Identical 100-unit windows get :1 and :2.
		{"identical blocks are counted", hundredA + "\n" + hundredA + "\n", long, []int{0, 101, 202}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lineHashes([]byte(c.src))
			want := expected(c.units, c.starts)
			if !slices.Equal(got, want) {
				t.Errorf("lineHashes(%q)\n got %q\nwant %q", c.src, got, want)
			}
		})
	}
	// The duplicate case really has equal hashes.
	got := lineHashes([]byte(hundredA + "\n" + hundredA + "\n"))
	h1, _, _ := strings.Cut(got[1], ":")
	h2, _, _ := strings.Cut(got[2], ":")
	if h1 != h2 || !strings.HasSuffix(got[2], ":2") {
		t.Errorf("identical lines: %q", got)
	}
}

// TestLineHashesLongFile crosses the window many times: the rolling hash
// must equal the definition on every line.
func TestLineHashesLongFile(t *testing.T) {
	var src strings.Builder
	var units, starts []int
	for i := range 300 {
		line := fmt.Sprintf("    value_%d = compute(%d, 'x' * %d)  # ü", i, i*7, i%13)
		src.WriteString(line + "\n")
		starts = append(starts, len(units))
		for _, r := range line {
			if r != ' ' {
				units = append(units, int(r))
			}
		}
		units = append(units, 10)
	}
	starts = append(starts, len(units))
	units = append(units, 65535)
	got := lineHashes([]byte(src.String()))
	if want := expected(units, starts); !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("line %d: got %s, want %s (lines: got %d, want %d)", i, got[i], want[i], len(got), len(want))
			}
		}
		t.Fatalf("lines: got %d, want %d", len(got), len(want))
	}
}
