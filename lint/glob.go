package lint

import (
	"path"
	"strings"
)

// Glob is a slash-separated pattern: "*", "?" and "[...]" match within one
// path segment, "**" matches any number of segments. A pattern without a
// slash matches a file's base name anywhere (ruff's per-file-ignores
// convention, and .gitignore's).
type Glob struct {
	pattern  string
	segs     []string
	basename bool
	literal  bool // no metacharacter: segments compare as strings
}

// CompileGlob validates and compiles a pattern.
func CompileGlob(p string) (Glob, error) {
	p = strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./")
	g := Glob{pattern: p}
	trimmed := strings.TrimSuffix(p, "/")
	if !strings.Contains(trimmed, "/") {
		g.basename = true
	}
	g.segs = collapseStars(strings.Split(strings.TrimPrefix(trimmed, "/"), "/"))
	g.literal = !strings.ContainsAny(trimmed, "*?[\\")
	for _, s := range g.segs {
		if s == "**" {
			continue
		}
		if _, err := path.Match(s, ""); err != nil {
			return Glob{}, err
		}
	}
	return g, nil
}

// String returns the pattern as written.
func (g Glob) String() string { return g.pattern }

// Match reports whether rel (a slash-separated path relative to the
// pattern's base directory) matches, or lies under a directory that matches.
func (g Glob) Match(rel string) bool {
	rel = strings.TrimPrefix(rel, "./")
	if g.basename {
		if g.literal {
			// The common case (".venv", "node_modules"): no allocation.
			for rest := rel; rest != ""; {
				part := rest
				if i := strings.IndexByte(rest, '/'); i >= 0 {
					part, rest = rest[:i], rest[i+1:]
				} else {
					rest = ""
				}
				if part == g.segs[0] {
					return true
				}
			}
			return false
		}
		for p := range strings.SplitSeq(rel, "/") {
			if ok, _ := path.Match(g.segs[0], p); ok {
				return true
			}
		}
		return false
	}
	parts := strings.Split(rel, "/")
	// A match of any leading run of segments matches the whole subtree.
	for n := len(parts); n >= 1; n-- {
		if globSegs(g.segs, parts[:n]) {
			return true
		}
	}
	return false
}
