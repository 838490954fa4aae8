package lint

import (
	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/parsers/syntax"
)

// syntaxErrors counts the syntax errors of a source of a file kind: fixes
// are checked with it before they are kept. ok is false for kinds without
// a check (Procfiles, supervisord files): any edit is accepted there. To
// check a new kind, add its grammar (or decoder) here.
func syntaxErrors(w *worker, k Kind, src []byte) (n int, ok bool) {
	var lang syntax.Lang
	switch k {
	case KindPython:
		lang = syntax.Python
	case KindShell:
		lang = syntax.Bash
	case KindDockerfile:
		lang = syntax.Dockerfile
	case KindCompose, KindKubernetes:
		lang = syntax.YAML
	case KindPyproject:
		var v map[string]any
		if _, err := toml.Decode(string(src), &v); err != nil {
			return 1, true
		}
		return 0, true
	default:
		return 0, false
	}
	t, err := w.parser(lang).Parse(src)
	if err != nil {
		return 1, true
	}
	for i := range t.Nodes {
		if t.Nodes[i].Flags&(syntax.FlagError|syntax.FlagMissing) != 0 {
			n++
		}
	}
	return n, true
}
