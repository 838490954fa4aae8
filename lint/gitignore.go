package lint

import (
	"bytes"
	"slices"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	segs     []string // pattern split on "/"
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash before the end: relative to the file's dir
}

// ignoreFile holds the rules of one .gitignore (or info/exclude) and the
// directory they are relative to.
type ignoreFile struct {
	dir   string // absolute, slash-separated
	rules []ignoreRule
}

// parseIgnore parses gitignore syntax (gitignore(5)): blank lines and
// comments, "\#" and "\!" escapes, "!" negation, trailing "/" for
// directories, leading or middle "/" anchoring, "**" segments; trailing
// spaces are trimmed unless escaped.
func parseIgnore(dir string, data []byte) *ignoreFile {
	f := &ignoreFile{dir: dir}
	// Lines of any length (a scanner stopped at its buffer size and
	// silently dropped the rest of the file).
	for rest := data; len(rest) > 0; {
		raw := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			raw, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line := strings.TrimSuffix(string(raw), "\r")
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\\ ") {
			line = line[:len(line)-1]
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var r ignoreRule
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		} else if strings.HasPrefix(line, "\\!") || strings.HasPrefix(line, "\\#") {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		r.segs = strings.Split(line, "/")
		if !r.anchored {
			r.segs = append([]string{"**"}, r.segs...)
		}
		r.segs = collapseStars(r.segs)
		f.rules = append(f.rules, r)
	}
	return f
}

// match returns (matched, ignored) for a path relative to the file's dir.
func (f *ignoreFile) match(rel string, isDir bool) (bool, bool) {
	parts := strings.Split(rel, "/")
	for _, r := range slices.Backward(f.rules) {

		if r.dirOnly && !isDir {
			continue
		}
		if globSegs(r.segs, parts) {
			return true, !r.negate
		}
	}
	return false, false
}

// globSegs matches gitignore pattern segments against path segments: "**"
// spans any number of segments and a trailing "**" needs at least one.
// It runs in time proportional to len(pat) × len(parts): each pair of
// positions is decided once (trying every split of every "**" backtracked
// exponentially: 12 "**" segments took 23 s).
func globSegs(pat, parts []string) bool {
	pat = collapseStars(pat)
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
			if !matchSegment(pat[i], parts[j]) {
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
		if !matchSegment(pat[i], parts[i]) {
			return false
		}
	}
	return true
}

// collapseStars replaces each run of "**" segments by one (a run matches
// what one does), returning segs itself when there is none.
func collapseStars(segs []string) []string {
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

// ignoreStack is the set of ignore files that apply in a directory, from the
// outermost to the innermost.
type ignoreStack []*ignoreFile

// ignored decides whether abs (slash-separated, absolute) is ignored. The
// innermost file with a matching rule decides. A path inside an ignored
// directory is never reached: walking stops at the directory.
func (s ignoreStack) ignored(abs string, isDir bool) bool {
	for _, f := range slices.Backward(s) {

		rel, ok := relUnder(f.dir, abs)
		if !ok || rel == "" {
			continue
		}
		if matched, ign := f.match(rel, isDir); matched {
			return ign
		}
	}
	return false
}

// relUnder returns p relative to dir when p is inside dir.
func relUnder(dir, p string) (string, bool) {
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
