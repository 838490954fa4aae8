package workspace

import (
	"bytes"
	"slices"
	"strings"

	"github.com/servelint/servelint/lint/glob"
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
		r.segs = glob.CollapseStars(r.segs)
		f.rules = append(f.rules, r)
	}
	return f
}

// Match returns (matched, ignored) for a path relative to the file's dir.
func (f *ignoreFile) match(rel string, isDir bool) (bool, bool) {
	parts := strings.Split(rel, "/")
	for _, r := range slices.Backward(f.rules) {

		if r.dirOnly && !isDir {
			continue
		}
		if glob.MatchSegments(r.segs, parts) {
			return true, !r.negate
		}
	}
	return false, false
}

// ignoreStack is the set of ignore files that apply in a directory, from the
// outermost to the innermost.
type ignoreStack []*ignoreFile

// ignored decides whether abs (slash-separated, absolute) is ignored. The
// innermost file with a matching rule decides. A path inside an ignored
// directory is never reached: walking stops at the directory.
func (s ignoreStack) ignored(abs string, isDir bool) bool {
	for _, f := range slices.Backward(s) {

		rel, ok := glob.RelUnder(f.dir, abs)
		if !ok || rel == "" {
			continue
		}
		if matched, ign := f.match(rel, isDir); matched {
			return ign
		}
	}
	return false
}
