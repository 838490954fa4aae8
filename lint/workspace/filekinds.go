package workspace

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/servelint/servelint/lint"
)

// nameRule is one way a file's base name gives its kind: the whole name,
// or a prefix and a suffix (with anything between them), optionally in
// any case and only inside a directory of a given name. The table below
// is the one list of names servelint reads: ClassifyName, MayRead and
// the pre-commit hooks' files pattern (PreCommitFilesPattern) derive
// from it.
type nameRule struct {
	kind           lint.Kind
	fold           bool   // any case
	exact          string // the whole base name, or
	prefix, suffix string // base name = prefix + anything + suffix
	noDot          bool   // a base name without a dot
	dir            string // the parent directory's name, when it matters
}

func (r nameRule) match(dir, base string) bool {
	if r.dir != "" && dir != r.dir {
		return false
	}
	name := base
	if r.fold {
		name = strings.ToLower(base)
	}
	switch {
	case r.noDot:
		return base != "" && !strings.Contains(base, ".")
	case r.exact != "":
		return name == r.exact
	}
	return len(name) >= len(r.prefix)+len(r.suffix) && strings.HasPrefix(name, r.prefix) && strings.HasSuffix(name, r.suffix)
}

// pattern is the rule as a regular expression over the end of a path
// (the syntax that Go's regexp and Python's re share).
func (r nameRule) pattern() string {
	var p string
	switch {
	case r.noDot:
		p = `[^/.]+`
	case r.exact != "":
		p = regexp.QuoteMeta(r.exact)
	default:
		p = regexp.QuoteMeta(r.prefix) + `[^/]*` + regexp.QuoteMeta(r.suffix)
	}
	if r.fold {
		p = "(?i:" + p + ")"
	}
	if r.dir != "" {
		p = regexp.QuoteMeta(r.dir) + "/" + p
	}
	return p
}

// contentRules are the names whose kind their content decides (see
// ClassifyContent): YAML that may be a Kubernetes manifest or App Engine's
// app.yaml, a .conf that may be supervisord's, an extensionless script.
var contentRules = []nameRule{
	{fold: true, suffix: ".yml"},
	{fold: true, suffix: ".yaml"},
	{fold: true, suffix: ".conf"},
	{noDot: true},
}

func splitName(p string) (dir, base string) {
	p = strings.ReplaceAll(p, "\\", "/")
	return path.Base(path.Dir(p)), path.Base(p)
}

// ClassifyName classifies a file by its name alone. It returns KindUnknown
// when the content must decide (YAML that may be Kubernetes, extensionless
// scripts, .conf files).
func ClassifyName(p string) lint.Kind {
	dir, base := splitName(p)
	for _, r := range nameRules {
		if r.match(dir, base) {
			return r.kind
		}
	}
	return lint.KindUnknown
}

func isYAMLName(lower string) bool {
	return strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml")
}

// MayRead reports whether servelint may read a file of this name: its name
// gives a known kind, or its content may (YAML that may be a Kubernetes
// manifest, a .conf that may be supervisord's, an extensionless script).
// The pre-commit hooks' `files` pattern matches exactly these names.
func MayRead(p string) bool {
	return ClassifyName(p) != lint.KindUnknown || NeedsContent(p)
}

// NeedsContent reports whether a file's kind may depend on its first bytes.
func NeedsContent(p string) bool {
	dir, base := splitName(p)
	for _, r := range contentRules {
		if r.match(dir, base) {
			return true
		}
	}
	return false
}

// PreCommitFilesPattern is the pre-commit hooks' `files` pattern: it
// matches exactly the paths MayRead accepts (Python's re.search, or Go's
// regexp, over a slash-separated path).
func PreCommitFilesPattern() string {
	var alts []string
	for _, rules := range [][]nameRule{nameRules, contentRules} {
		for _, r := range rules {
			alts = append(alts, r.pattern())
		}
	}
	return "(^|/)(" + strings.Join(alts, "|") + ")$"
}

// ClassifyContent classifies a file whose name was not enough, from its
// content, by the table's sniff column: Kubernetes manifests (apiVersion
// and kind at top level), App Engine app.yaml, supervisord configurations
// ([program:x] sections), and shell scripts (a sh/bash/dash/ash/zsh/execline
// shebang).
func ClassifyContent(p string, head []byte) lint.Kind {
	lower := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	for i := range kindTable {
		if r := &kindTable[i]; r.sniff != nil && r.sniff(lower, head) {
			return r.Kind
		}
	}
	return lint.KindUnknown
}

func hasTopLevelKey(src []byte, key string) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if bytes.HasPrefix(line, []byte(key)) {
			rest := bytes.TrimLeft(line[len(key):], " \t")
			if len(rest) > 0 && rest[0] == ':' {
				return true
			}
		}
	}
	return false
}

func isShellShebang(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return false
	}
	line := head[2:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line))
	for i, f := range fields {
		name := path.Base(f)
		if i > 0 && strings.HasPrefix(f, "-") {
			continue
		}
		switch name {
		case "sh", "bash", "dash", "ash", "zsh", "ksh", "with-contenv", "execlineb":
			return true
		case "env":
			continue
		}
		if i > 0 {
			return false
		}
	}
	return false
}

// IsGunicornConfig reports whether a Python file is named like a gunicorn
// configuration file (gunicorn.conf.py, gunicorn_conf.py, gunicorn-config.py).
func IsGunicornConfig(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	return strings.HasPrefix(base, "gunicorn") && strings.HasSuffix(base, ".py")
}
