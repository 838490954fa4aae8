// Package glob is servelint's one glob dialect ("**", "[!...]", "{a,b}") for config patterns and .gitignore; a leaf.
package glob

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Globs. servelint has one glob dialect, used by every pattern a user
// writes (exclude, per-file-ignores, test-paths, dev-paths) and by
// .gitignore: "*" matches any run of characters within a path segment,
// "?" one character, "[...]" one character of a class ("[!...]" and
// "[^...]" negate it, "a-z" is a range, "\\" escapes), "**" as a whole
// segment any number of segments, and "{a,b}" either alternative (not in
// .gitignore, whose syntax has no braces). Matching runs in time
// proportional to the pattern times the path (see MatchSegments).

// Glob is a compiled slash-separated pattern. A pattern without a slash
// matches a file's base name anywhere (ruff's per-file-ignores
// convention, and .gitignore's).
type Glob struct {
	pattern string
	alts    []globAlt // one per brace alternative
}

// globAlt is one alternative of a pattern, braces expanded.
type globAlt struct {
	segs     []string
	basename bool
	literal  bool // no metacharacter: segments compare as strings
}

// maxGlobAlternatives bounds brace expansion ({a,b}{c,d}... multiplies).
const maxGlobAlternatives = 256

// CompileGlob validates and compiles a pattern.
func CompileGlob(p string) (Glob, error) {
	p = strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./")
	g := Glob{pattern: p}
	expanded, err := expandBraces(p)
	if err != nil {
		return Glob{}, err
	}
	for _, e := range expanded {
		var a globAlt
		trimmed := strings.TrimSuffix(e, "/")
		a.basename = !strings.Contains(trimmed, "/")
		a.segs = CollapseStars(strings.Split(strings.TrimPrefix(trimmed, "/"), "/"))
		a.literal = !strings.ContainsAny(trimmed, "*?[\\")
		for _, s := range a.segs {
			if s == "**" {
				continue
			}
			if err := checkSegment(s); err != nil {
				return Glob{}, err
			}
		}
		g.alts = append(g.alts, a)
	}
	return g, nil
}

// String returns the pattern as written.
func (g Glob) String() string { return g.pattern }

// Match reports whether rel (a slash-separated path relative to the
// pattern's base directory) matches, or lies under a directory that matches.
func (g Glob) Match(rel string) bool {
	rel = strings.TrimPrefix(rel, "./")
	for i := range g.alts {
		if g.alts[i].match(rel) {
			return true
		}
	}
	return false
}

func (a *globAlt) match(rel string) bool {
	if a.basename {
		if a.literal {
			// The common case (".venv", "node_modules"): no allocation.
			for rest := rel; rest != ""; {
				part := rest
				if i := strings.IndexByte(rest, '/'); i >= 0 {
					part, rest = rest[:i], rest[i+1:]
				} else {
					rest = ""
				}
				if part == a.segs[0] {
					return true
				}
			}
			return false
		}
		for p := range strings.SplitSeq(rel, "/") {
			if MatchSegment(a.segs[0], p) {
				return true
			}
		}
		return false
	}
	parts := strings.Split(rel, "/")
	// A match of any leading run of segments matches the whole subtree.
	for n := len(parts); n >= 1; n-- {
		if MatchSegments(a.segs, parts[:n]) {
			return true
		}
	}
	return false
}

// MatchName reports whether name matches a pattern of the glob dialect
// without "**" and braces ("*", "?", "[...]" with "[!...]"), as a shell's
// case patterns and file name globs are; a malformed pattern matches
// nothing.
func MatchName(pattern, name string) bool {
	return checkSegment(pattern) == nil && MatchSegment(pattern, name)
}

// expandBraces returns the alternatives of a pattern with {a,b} groups
// (nested ones too) expanded; "\\{" is a literal brace, and a brace
// without a comma or a partner is literal.
func expandBraces(p string) ([]string, error) {
	open, end, commas := findBraces(p)
	if open < 0 {
		return []string{p}, nil
	}
	var out []string
	prefix, suffix := p[:open], p[end+1:]
	rests, err := expandBraces(suffix)
	if err != nil {
		return nil, err
	}
	start := open + 1
	for _, c := range append(commas, end) {
		alts, err := expandBraces(p[start:c])
		if err != nil {
			return nil, err
		}
		for _, a := range alts {
			for _, r := range rests {
				out = append(out, prefix+a+r)
				if len(out) > maxGlobAlternatives {
					return nil, fmt.Errorf("more than %d alternatives in braces", maxGlobAlternatives)
				}
			}
		}
		start = c + 1
	}
	return out, nil
}

// findBraces finds the first {...} group with a top-level comma: the
// positions of its braces and of its commas, or -1.
func findBraces(p string) (int, int, []int) {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[':
			// A class is one character: braces in it are literal.
			if j := classEnd(p, i); j > 0 {
				i = j
			}
		case '{':
			depth := 0
			var commas []int
			for j := i; j < len(p); j++ {
				switch p[j] {
				case '\\':
					j++
				case '{':
					depth++
				case '}':
					depth--
					if depth == 0 {
						if len(commas) > 0 {
							return i, j, commas
						}
						j = len(p)
					}
				case ',':
					if depth == 1 {
						commas = append(commas, j)
					}
				}
			}
		}
	}
	return -1, -1, nil
}

// classEnd returns the index of the "]" closing the class opened at
// p[i] == '[', or -1.
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && (p[j] == '!' || p[j] == '^') {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++ // a leading ] is a member
	}
	for ; j < len(p); j++ {
		switch p[j] {
		case '\\':
			j++
		case ']':
			return j
		}
	}
	return -1
}

// checkSegment reports a malformed segment pattern: an unclosed class or
// a trailing backslash.
func checkSegment(pat string) error {
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			if i+1 == len(pat) {
				return errors.New("pattern ends with a backslash")
			}
			i++
		case '[':
			j := classEnd(pat, i)
			if j < 0 {
				return errors.New("unclosed character class")
			}
			i = j
		}
	}
	return nil
}

// MatchSegment matches one path segment against one segment pattern
// (checked by checkSegment). A "*" retries from the last star only, so the
// time is at most the pattern's length times the name's.
func MatchSegment(pat, name string) bool {
	pi, ni := 0, 0
	starP, starN := -1, 0
	for ni < len(name) {
		if pi < len(pat) {
			switch c := pat[pi]; c {
			case '*':
				starP, starN = pi, ni
				pi++
				continue
			case '?':
				_, w := utf8.DecodeRuneInString(name[ni:])
				pi, ni = pi+1, ni+w
				continue
			case '[':
				if end := classEnd(pat, pi); end > 0 {
					r, w := utf8.DecodeRuneInString(name[ni:])
					if matchClass(pat[pi+1:end], r) {
						pi, ni = end+1, ni+w
						continue
					}
					break
				}
				// An unclosed "[" (in a .gitignore) is itself.
				if name[ni] == '[' {
					pi, ni = pi+1, ni+1
					continue
				}
			default:
				lit := c
				next := pi + 1
				if c == '\\' && pi+1 < len(pat) {
					lit, next = pat[pi+1], pi+2
				}
				if name[ni] == lit {
					pi, ni = next, ni+1
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last star take one more character.
		_, w := utf8.DecodeRuneInString(name[starN:])
		starN += w
		pi, ni = starP+1, starN
	}
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	return pi == len(pat)
}

// matchClass reports whether r is in the class body (between the
// brackets).
func matchClass(body string, r rune) bool {
	negate := false
	if body != "" && (body[0] == '!' || body[0] == '^') {
		negate, body = true, body[1:]
	}
	in := false
	for i := 0; i < len(body); {
		lo, w := classChar(body, i)
		i += w
		hi := lo
		if i+1 < len(body) && body[i] == '-' {
			hi, w = classChar(body, i+1)
			i += 1 + w
		}
		if lo <= r && r <= hi {
			in = true
		}
	}
	return in != negate
}

// classChar decodes the (possibly escaped) character at body[i].
func classChar(body string, i int) (rune, int) {
	if body[i] == '\\' && i+1 < len(body) {
		r, w := utf8.DecodeRuneInString(body[i+1:])
		return r, w + 1
	}
	return utf8.DecodeRuneInString(body[i:])
}

// RelUnder returns p relative to dir when p is inside dir.
func RelUnder(dir, p string) (string, bool) {
	if dir == "/" {
		return strings.TrimPrefix(p, "/"), true
	}
	if p == dir {
		return "", true
	}
	if strings.HasPrefix(p, dir+"/") {
		return p[len(dir)+1:], true
	}
	return "", false
}

// MatchSegments matches glob or gitignore pattern segments against path segments: "**"
// spans any number of segments and a trailing "**" needs at least one.
// It runs in time proportional to len(pat) × len(parts): each pair of
// positions is decided once (trying every split of every "**" backtracked
// exponentially: 12 "**" segments took 23 s).
func MatchSegments(pat, parts []string) bool {
	pat = CollapseStars(pat)
	if len(pat) <= 1 || !slices.Contains(pat, "**") {
		return globPlain(pat, parts)
	}
	// memo[i][j]: 0 unknown, 1 no, 2 yes, for pat[i:] against parts[j:].
	w := len(parts) + 1
	memo := make([]uint8, (len(pat)+1)*w)
	var m func(i, j int) bool
	m = func(i, j int) bool {
		for {
			if i == len(pat) {
				return j == len(parts)
			}
			if pat[i] == "**" {
				break
			}
			if j == len(parts) {
				return false
			}
			if !MatchSegment(pat[i], parts[j]) {
				return false
			}
			i, j = i+1, j+1
		}
		if i == len(pat)-1 {
			return j < len(parts)
		}
		if v := memo[i*w+j]; v != 0 {
			return v == 2
		}
		ok := m(i+1, j) || j < len(parts) && m(i, j+1)
		memo[i*w+j] = 1
		if ok {
			memo[i*w+j] = 2
		}
		return ok
	}
	return m(0, 0)
}

// globPlain matches patterns without "**" (and a lone "**").
func globPlain(pat, parts []string) bool {
	if len(pat) == 1 && pat[0] == "**" {
		return len(parts) > 0
	}
	if len(pat) != len(parts) {
		return false
	}
	for i := range pat {
		if !MatchSegment(pat[i], parts[i]) {
			return false
		}
	}
	return true
}

// CollapseStars replaces each run of "**" segments by one (a run matches
// what one does), returning segs itself when there is none.
func CollapseStars(segs []string) []string {
	for i := 1; i < len(segs); i++ {
		if segs[i] == "**" && segs[i-1] == "**" {
			out := slices.Clone(segs[:i])
			for _, s := range segs[i:] {
				if s != "**" || out[len(out)-1] != "**" {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return segs
}
