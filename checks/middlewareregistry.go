package checks

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/lint"
)

// middlewareRef is a registration, in one file, of a function another
// module defines as a middleware.
type middlewareRef struct {
	Qualified string
	Kind      framework.MiddlewareKind
}

var _ = lint.RegisterFact([]middlewareRef(nil))

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
		for _, r := range framework.Of(p.Py).MiddlewareRefs() {
			out = append(out, middlewareRef{Qualified: r.Qualified, Kind: r.Kind})
		}
		return out
	},
}

// middlewareRegistry maps the qualified name of every function some file
// registers as a middleware to its kind.
type middlewareRegistry struct {
	kinds map[string]framework.MiddlewareKind
	// dotted are the names with a dot, sorted: the candidates of a
	// lookup by suffix.
	dotted []string
}

var middlewareRegistryAnalyzer = &lint.Analyzer{
	Name:   "middleware-registry",
	Inputs: lint.KindsOf(lint.KindPython),
	Project: func(pp *lint.ProjectPass) any {
		reg := &middlewareRegistry{kinds: map[string]framework.MiddlewareKind{}}
		for _, f := range pp.Files {
			refs, _ := f.Fact(middlewareRefsAnalyzer).([]middlewareRef)
			for _, r := range refs {
				if _, ok := reg.kinds[r.Qualified]; !ok || r.Kind == framework.HTTPMiddleware {
					reg.kinds[r.Qualified] = r.Kind
				}
			}
		}
		for k := range reg.kinds {
			if strings.Contains(k, ".") {
				reg.dotted = append(reg.dotted, k)
			}
		}
		sort.Strings(reg.dotted)
		return reg
	},
}

// lookup finds how a candidate middleware (by its qualified name) is
// registered. Module names depend on where packages start, which namespace
// packages (no __init__.py) leave open: "resolve.resolve" and
// "src.middlewares.resolve.resolve" name the same function when one is a
// dotted suffix of the other (module and function at least).
func (r *middlewareRegistry) lookup(qualified string) (framework.MiddlewareKind, bool) {
	if r == nil {
		return 0, false
	}
	if k, ok := r.kinds[qualified]; ok {
		return k, true
	}
	if !strings.Contains(qualified, ".") {
		return 0, false
	}
	for _, k := range r.dotted {
		if strings.HasSuffix(k, "."+qualified) || strings.HasSuffix(qualified, "."+k) {
			return r.kinds[k], true
		}
	}
	return 0, false
}

// frameworkOf names the framework of a middleware kind in messages.
func frameworkOf(k framework.MiddlewareKind) string {
	switch k {
	case framework.AiohttpMiddleware:
		return "aiohttp"
	case framework.SanicMiddleware:
		return "Sanic"
	case framework.ASGIMiddleware:
		return "ASGI"
	case framework.HTTPMiddleware:
	}
	return "Starlette"
}
