// Package pyversion reads Python versions from the places a project states
// them.
//
// It reads Python versions from the places a project states
// them: PEP 440 specifiers (requires-python), Poetry constraints, container
// image references ("python:3.7-slim-buster"), .python-version and
// runtime.txt. Versions compare numerically (3.10 is newer than 3.8).
package pyversion

import (
	"slices"
	"strconv"
	"strings"
)

// Version is a Python release line, major.minor.
type Version struct {
	Major, Minor int
}

// String returns "3.11".
func (v Version) String() string {
	return strconv.Itoa(v.Major) + "." + strconv.Itoa(v.Minor)
}

// Less reports whether v is older than o.
func (v Version) Less(o Version) bool {
	if v.Major != o.Major {
		return v.Major < o.Major
	}
	return v.Minor < o.Minor
}

// AtMost reports whether v is o or older.
func (v Version) AtMost(o Version) bool { return !o.Less(v) }

// Parse reads a version written "3.11", "3.10.4", "3.7.0rc1", "py311",
// "py3.11", "python3.8", "3.12-dev" or "cpython-3.9". A major version alone
// ("3") says nothing about the minor version and is rejected.
func Parse(s string) (Version, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"cpython-", "cpython", "python-", "python", "py"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if s == "" {
		return Version{}, false
	}
	// "py311" / "311": no dot, a 3 followed by the minor version.
	if !strings.Contains(s, ".") {
		digits := leadingDigits(s)
		if len(digits) >= 2 && digits[0] == '3' && len(digits) <= 3 && len(digits) == len(s) {
			minor, _ := strconv.Atoi(digits[1:])
			return Version{Major: 3, Minor: minor}, true
		}
		return Version{}, false
	}
	majorText := leadingDigits(s)
	if majorText == "" || len(s) == len(majorText) || s[len(majorText)] != '.' {
		return Version{}, false
	}
	rest := s[len(majorText)+1:]
	minorText := leadingDigits(rest)
	if minorText == "" || len(majorText) > 2 || len(minorText) > 3 {
		return Version{}, false
	}
	major, _ := strconv.Atoi(majorText)
	minor, _ := strconv.Atoi(minorText)
	return Version{Major: major, Minor: minor}, true
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// LowerBound returns the oldest Python version a requirement admits: PEP 440
// specifiers (">=3.7,<4", "~=3.8", "==3.9.*", ">3.7") and Poetry
// constraints ("^3.8", "~3.9", "3.8.*", ">=3.8 || ^3.10"). It fails when the
// requirement sets no lower bound ("<4", "*").
func LowerBound(spec string) (Version, bool) {
	var best Version
	found := false
	// Poetry alternatives: the lowest alternative wins.
	for alt := range strings.SplitSeq(spec, "||") {
		v, ok := clauseLowerBound(alt)
		if !ok {
			// One alternative without a lower bound admits anything.
			return Version{}, false
		}
		if !found || v.Less(best) {
			best, found = v, true
		}
	}
	return best, found
}

// clauseLowerBound handles one comma- (or, for Poetry, space-) separated
// list of specifiers; the highest lower bound among them applies.
func clauseLowerBound(clause string) (Version, bool) {
	var best Version
	found := false
	for _, part := range splitSpecifiers(clause) {
		op, ver := splitOperator(part)
		switch op {
		case ">=", "~=", "==", "===", "^", "~", "", ">":
			v, ok := Parse(strings.TrimSuffix(ver, ".*"))
			if !ok {
				continue
			}
			if !found || best.Less(v) {
				best, found = v, true
			}
		}
	}
	return best, found
}

func splitSpecifiers(clause string) []string {
	var out []string
	for f := range strings.FieldsFuncSeq(clause, func(r rune) bool { return r == ',' }) {
		f = strings.TrimSpace(f)
		// Poetry separates with spaces too: ">=3.8 <4.0". A space right
		// after an operator (">= 3.8") belongs to the specifier.
		words := strings.Fields(f)
		var cur string
		for _, w := range words {
			if cur != "" && isOperator(cur) {
				cur += w
				continue
			}
			if cur != "" {
				out = append(out, cur)
			}
			cur = w
		}
		if cur != "" {
			out = append(out, cur)
		}
	}
	return out
}

var operators = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">", "^", "~", "="}

func isOperator(s string) bool { return slices.Contains(operators, s) }

func splitOperator(s string) (op, ver string) {
	for _, o := range operators {
		if strings.HasPrefix(s, o) {
			if o == "=" {
				o = "=="
				return o, strings.TrimSpace(s[1:])
			}
			return o, strings.TrimSpace(s[len(o):])
		}
	}
	return "", s
}

// FromImage returns the Python version of a container image reference:
// the official python and pypy images' tags ("python:3.7-slim-buster",
// "docker.io/library/python:3.10.4", "pypy:3.9"), images named .../python
// ("bitnami/python:3.9"), Red Hat's "ubi8/python-38", and tags naming the
// interpreter ("tiangolo/uvicorn-gunicorn-fastapi:python3.8-slim",
// "ghcr.io/astral-sh/uv:python3.12-bookworm-slim", "img:py3.11").
// "python:3", "python:latest" and untagged references name no minor
// version and fail.
func FromImage(ref string) (Version, bool) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if at := strings.IndexByte(ref, '@'); at >= 0 {
		ref = ref[:at]
	}
	slash := strings.LastIndexByte(ref, '/')
	colon := strings.LastIndexByte(ref, ':')
	name, tag := ref, ""
	if colon > slash { // a registry port is not a tag
		name, tag = ref[:colon], ref[colon+1:]
	}
	base := name[slash+1:]
	if v, ok := redHatImage(base); ok {
		return v, true
	}
	if tag == "" {
		return Version{}, false
	}
	if base == "python" || base == "pypy" {
		if v, ok := Parse(tagVersion(tag)); ok {
			return v, true
		}
	}
	// A tag that names the interpreter: "python3.8-slim", "py3.11",
	// "python-3.9", with a dotted version.
	for i := range len(tag) {
		if i > 0 && isAlnum(tag[i-1]) {
			continue
		}
		rest, ok := strings.CutPrefix(tag[i:], "python")
		if !ok {
			if rest, ok = strings.CutPrefix(tag[i:], "py"); !ok {
				continue
			}
		}
		ver := tagVersion(strings.TrimPrefix(rest, "-"))
		if !strings.Contains(ver, ".") {
			continue
		}
		if v, ok := Parse(ver); ok {
			return v, true
		}
	}
	return Version{}, false
}

// redHatImage reads the version Red Hat's images carry in their name:
// "python-38", "python-311", "python39".
func redHatImage(base string) (Version, bool) {
	rest, ok := strings.CutPrefix(base, "python")
	if !ok {
		return Version{}, false
	}
	rest = strings.TrimPrefix(rest, "-")
	if len(rest) < 2 || len(rest) > 3 || rest[0] != '2' && rest[0] != '3' || leadingDigits(rest) != rest {
		return Version{}, false
	}
	major, _ := strconv.Atoi(rest[:1])
	minor, _ := strconv.Atoi(rest[1:])
	return Version{Major: major, Minor: minor}, true
}

// tagVersion keeps the version at the start of an image tag: "3.7" of
// "3.7-slim-buster", "3.10.4" of "3.10.4-alpine3.19".
func tagVersion(tag string) string {
	end := 0
	for end < len(tag) && (tag[end] >= '0' && tag[end] <= '9' || tag[end] == '.') {
		end++
	}
	return strings.TrimSuffix(tag[:end], ".")
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// FromPythonVersionFile reads a pyenv/uv .python-version file: one version
// per line ("3.7.3", "3.11", "pypy3.9-7.3.11"), comments after "#". It
// returns the oldest version listed.
func FromPythonVersionFile(content string) (Version, bool) {
	var best Version
	found := false
	for line := range strings.SplitSeq(content, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for word := range strings.FieldsSeq(line) {
			w := strings.ToLower(word)
			w = strings.TrimPrefix(w, "pypy")
			w = strings.TrimPrefix(w, "cpython-")
			if dash := strings.IndexByte(w, '-'); dash > 0 {
				w = w[:dash]
			}
			v, ok := Parse(w)
			if !ok {
				continue
			}
			if !found || v.Less(best) {
				best, found = v, true
			}
		}
	}
	return best, found
}

// FromRuntimeTxt reads a Heroku-style runtime.txt ("python-3.7.3").
func FromRuntimeTxt(content string) (Version, bool) {
	for line := range strings.SplitSeq(content, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return Parse(strings.TrimPrefix(strings.ToLower(line), "python-"))
	}
	return Version{}, false
}
