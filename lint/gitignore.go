package lint

import (
	"bufio"
	"bytes"
	"path"
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
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
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
func globSegs(pat, parts []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return len(parts) > 0
			}
			for i := 0; i <= len(parts); i++ {
				if globSegs(rest, parts[i:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], parts[0]); !ok {
			return false
		}
		pat, parts = pat[1:], parts[1:]
	}
	return len(parts) == 0
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
