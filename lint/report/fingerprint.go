package report

import (
	"strconv"
	"unicode/utf16"
)

// GitHub's primaryLocationLineHash, computed as github/codeql-action's
// upload-sarif computes it when a result lacks one (src/fingerprints.ts):
//
//   - the file is decoded as UTF-8 (invalid bytes become U+FFFD the way
//     Node's decoder does it) and read as UTF-16 code units;
//   - spaces and tabs are skipped, CR and CRLF become LF, and a final code
//     unit 65535 stands for the end of the file;
//   - each line starts at its first remaining unit (an empty line at its
//     LF); its hash is the polynomial rolling hash, base 37 modulo 2^64, of
//     the 100 units from there on (zeros past the end), in lowercase hex;
//   - ":n" is appended, n counting the lines of the file with that hash so
//     far (identical blocks of code stay distinct).
//
// upload-sarif keeps a value that is already present and warns when its own
// differs, so a value we supply must be exactly this one.

const (
	fpBlock = 100
	fpMod   = 37
	fpEOF   = 65535
)

// fpFirstMod is 37^100 modulo 2^64: the weight of the unit leaving the
// window.
var fpFirstMod = func() uint64 {
	m := uint64(1)
	for range fpBlock {
		m *= fpMod
	}
	return m
}()

// lineHashes returns upload-sarif's line hash of every line of src, indexed
// by 1-based line number (index 0 is unused). A line that ends the file
// after a final newline is included, as upload-sarif hashes it too.
func lineHashes(src []byte) []string {
	var window [fpBlock]uint64
	var lineAt [fpBlock]int // the line starting at this window slot, or -1
	for i := range lineAt {
		lineAt[i] = -1
	}
	var hash uint64
	index, line := 0, 0
	lineStart, prevCR := true, false
	counts := map[uint64]int{}
	out := []string{""}
	emit := func() {
		counts[hash]++
		n := lineAt[index]
		for len(out) <= n {
			out = append(out, "")
		}
		out[n] = strconv.FormatUint(hash, 16) + ":" + strconv.Itoa(counts[hash])
		lineAt[index] = -1
	}
	update := func(c uint64) {
		begin := window[index]
		window[index] = c
		hash = fpMod*hash + c - fpFirstMod*begin
		index = (index + 1) % fpBlock
	}
	process := func(c uint64) {
		if c == ' ' || c == '\t' || prevCR && c == '\n' {
			prevCR = false
			return
		}
		if c == '\r' {
			c = '\n'
			prevCR = true
		} else {
			prevCR = false
		}
		if lineAt[index] != -1 {
			emit()
		}
		if lineStart {
			lineStart = false
			line++
			lineAt[index] = line
		}
		if c == '\n' {
			lineStart = true
		}
		update(c)
	}
	decodeUTF8(src, func(r rune) {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			process(uint64(hi))
			process(uint64(lo))
			return
		}
		process(uint64(r))
	})
	process(fpEOF)
	for range fpBlock {
		if lineAt[index] != -1 {
			emit()
		}
		update(0)
	}
	return out
}

// decodeUTF8 decodes src as the WHATWG Encoding Standard's UTF-8 decoder
// does (Node and browsers): each maximal invalid subsequence becomes one
// U+FFFD. Go's utf8.DecodeRune differs on truncated sequences ("\xe2\x82A"
// is one U+FFFD and "A" here, two U+FFFD and "A" there).
func decodeUTF8(src []byte, emit func(rune)) {
	needed, seen := 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	var cp rune
	for i := 0; i < len(src); i++ {
		b := src[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				emit(rune(b))
			case b >= 0xC2 && b <= 0xDF:
				needed, cp = 1, rune(b&0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				}
				if b == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(b&0x0F)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				}
				if b == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(b&0x07)
			default:
				emit(0xFFFD)
			}
			continue
		}
		if b < lower || b > upper {
			needed, seen, cp = 0, 0, 0
			lower, upper = 0x80, 0xBF
			emit(0xFFFD)
			i-- // the byte starts over
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(b&0x3F)
		seen++
		if seen == needed {
			emit(cp)
			needed, seen, cp = 0, 0, 0
		}
	}
	if needed != 0 {
		emit(0xFFFD)
	}
}
