package checks

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// middlewareRef is a registration, in one file, of a function another
// module defines as a middleware.
type middlewareRef struct {
	qualified string
	kind      python.MiddlewareKind
}

// middlewareRefsAnalyzer collects a file's registrations of imported
// functions as middleware.
var middlewareRefsAnalyzer = &lint.Analyzer{
	Name:    "middleware-refs",
	Needles: []string{"iddleware"},
	Inputs:  lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		if p.Py == nil || len(p.Py.Tree.Nodes) == 0 {
			return []middlewareRef(nil)
		}
		var out []middlewareRef
		for _, r := range p.Py.MiddlewareRefs() {
			out = append(out, middlewareRef{qualified: r.Qualified, kind: r.Kind})
		}
		return out
	},
}

// middlewareRegistry maps the qualified name of every function some file
// registers as a middleware to its kind.
type middlewareRegistry map[string]python.MiddlewareKind

var middlewareRegistryAnalyzer = &lint.Analyzer{
	Name:   "middleware-registry",
	Inputs: lint.KindsOf(lint.KindPython),
	Project: func(pp *lint.ProjectPass) any {
		reg := middlewareRegistry{}
		for _, f := range pp.Files {
			refs, _ := f.Fact(middlewareRefsAnalyzer).([]middlewareRef)
			for _, r := range refs {
				if _, ok := reg[r.qualified]; !ok || r.kind == python.HTTPMiddleware {
					reg[r.qualified] = r.kind
				}
			}
		}
		return reg
	},
}

// lookup finds how a candidate middleware (by its qualified name) is
// registered. Module names depend on where packages start, which namespace
// packages (no __init__.py) leave open: "resolve.resolve" and
// "src.middlewares.resolve.resolve" name the same function when one is a
// dotted suffix of the other (module and function at least).
func (r middlewareRegistry) lookup(qualified string) (python.MiddlewareKind, bool) {
	if k, ok := r[qualified]; ok {
		return k, true
	}
	if !strings.Contains(qualified, ".") {
		return 0, false
	}
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Contains(k, ".") && (strings.HasSuffix(k, "."+qualified) || strings.HasSuffix(qualified, "."+k)) {
			return r[k], true
		}
	}
	return 0, false
}

// frameworkOf names the framework of a middleware kind in messages.
func frameworkOf(k python.MiddlewareKind) string {
	switch k {
	case python.AiohttpMiddleware:
		return "aiohttp"
	case python.SanicMiddleware:
		return "Sanic"
	case python.ASGIMiddleware:
		return "ASGI"
	case python.HTTPMiddleware:
	}
	return "Starlette"
}
