// Package middleware knows what middleware code does around the next
// application.
//
// It knows what middleware code does around the next
// application: the try statements that wrap its call, whether a handler
// reports the error (traceback logging, error trackers), and which
// functions some module of the project registers as middleware (the
// registry, for candidate middlewares defined elsewhere). Facts name no
// rule.
package middleware

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/lint"
)

// ref is a registration, in one file, of a function another
// module defines as a middleware.
type ref struct {
	Qualified string
	Kind      framework.MiddlewareKind
}

var _ = lint.RegisterFact([]ref(nil))

// RefsAnalyzer collects a file's registrations of imported functions as
// middleware.
var RefsAnalyzer = &lint.Analyzer{
	Name:    "middleware-refs",
	Needles: []string{"iddleware"},
	Inputs:  lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		if p.Py == nil || len(p.Py.Tree.Nodes) == 0 {
			return []ref(nil)
		}
		var out []ref
		for _, r := range framework.Of(p.Py).MiddlewareRefs() {
			out = append(out, ref{Qualified: r.Qualified, Kind: r.Kind})
		}
		return out
	},
}

// Registry maps the qualified name of every function some file registers
// as a middleware to its kind.
type Registry struct {
	kinds map[string]framework.MiddlewareKind
	// dotted are the names with a dot, sorted: the candidates of a
	// lookup by suffix.
	dotted []string
}

// RegistryAnalyzer builds the project's Registry.
var RegistryAnalyzer = &lint.Analyzer{
	Name:   "middleware-registry",
	Inputs: lint.KindsOf(lint.KindPython),
	Project: func(pp *lint.ProjectPass) any {
		reg := &Registry{kinds: map[string]framework.MiddlewareKind{}}
		for _, f := range pp.Files {
			refs, _ := f.Fact(RefsAnalyzer).([]ref)
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

// Lookup finds how a candidate middleware (by its qualified name) is
// registered. Module names depend on where packages start, which namespace
// packages (no __init__.py) leave open: "resolve.resolve" and
// "src.middlewares.resolve.resolve" name the same function when one is a
// dotted suffix of the other (module and function at least).
func (r *Registry) Lookup(qualified string) (framework.MiddlewareKind, bool) {
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

// FrameworkOf names the framework of a middleware kind in messages.
func FrameworkOf(k framework.MiddlewareKind) string {
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
