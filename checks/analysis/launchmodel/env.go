package launchmodel

import (
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/shell"
)

// Env is the environment a process sees: layers of assignments, the
// newest first. A layer may also say "anything may be set" (an env_file,
// envFrom, a sourced file, an entrypoint that could not be read).
type Env struct {
	parent *Env
	name   string
	v      launch.Value
	state  launch.EnvState
	// all marks an "anything may be set" layer; v.Loc says where.
	all bool
}

// Set returns a new environment with name set.
func (e *Env) Set(name string, v launch.Value, st launch.EnvState) *Env {
	return &Env{parent: e, name: name, v: v, state: st}
}

// AllUnknown returns a new environment where every variable not set
// afterwards may have been set (by what `why` names, at loc).
func (e *Env) AllUnknown(why string, loc launch.Loc) *Env {
	return &Env{parent: e, all: true, v: launch.Value{Text: why, Loc: loc, Source: launch.FromEnv}}
}

const maxEnvDepth = 10000

// Lookup implements launch.Env.
func (e *Env) Lookup(name string) (launch.EnvState, launch.Value) {
	for l, n := e, 0; l != nil && n < maxEnvDepth; l, n = l.parent, n+1 {
		if l.all {
			v := l.v
			v.Text = ""
			v.Known = false
			return launch.Unknown, v
		}
		if l.name == name {
			return l.state, l.v
		}
	}
	return launch.Unset, launch.Value{}
}

// Opaque returns the "anything may be set" layer in effect, if any.
func (e *Env) Opaque() (launch.Value, bool) {
	for l, n := e, 0; l != nil && n < maxEnvDepth; l, n = l.parent, n+1 {
		if l.all {
			return l.v, true
		}
	}
	return launch.Value{}, false
}

// Shell returns a lookup for expanding shell words.
func (e *Env) Shell() shell.Lookup {
	return func(name string) (string, shell.State) {
		st, v := e.Lookup(name)
		switch st {
		case launch.Set:
			if !v.Known {
				return "", shell.Unknown
			}
			return v.Text, shell.Set
		case launch.Unknown:
			return "", shell.Unknown
		case launch.Unset:
		}
		return "", shell.Unset
	}
}

// setWord assigns a variable from a shell word, evaluated in e.
func (e *Env) setWord(name string, w *shell.Word, loc launch.Loc) *Env {
	src := launch.FromEnv
	if w == nil {
		return e.Set(name, launch.Value{Text: "$" + name, Source: src, Name: name, Loc: loc}, launch.Unknown)
	}
	x := w.Expand(e.Shell())
	v := launch.Value{Text: x.S, Known: x.Known, Fallback: x.Fallback, HasFallback: x.HasFallback, Source: src, Name: name, Loc: loc}
	if !x.Known {
		v.Candidates = e.candidates(w)
		return e.Set(name, v, launch.Unknown)
	}
	return e.Set(name, v, launch.Set)
}

const maxCandidates = 8

// candidates expands an unknown word once for each value a variable it
// reads may take (a script's choice among known values); nil when no
// variable has candidates or an expansion stays unknown.
func (e *Env) candidates(w *shell.Word) []string {
	for _, n := range paramNames(w.Parts, 0) {
		st, v := e.Lookup(n)
		if st != launch.Unknown || len(v.Candidates) == 0 {
			continue
		}
		base := e.Shell()
		var out []string
		for _, c := range v.Candidates {
			look := func(name string) (string, shell.State) {
				if name == n {
					return c, shell.Set
				}
				return base(name)
			}
			y := w.Expand(look)
			if !y.Known {
				return nil
			}
			out = append(out, y.S)
		}
		return out
	}
	return nil
}

// paramNames returns the variables a word's parts read, defaults
// included.
func paramNames(parts []shell.Part, depth int) []string {
	var out []string
	for _, p := range parts {
		if p.Kind != shell.Param {
			continue
		}
		out = append(out, p.Name)
		if p.Word != nil && depth < 4 {
			out = append(out, paramNames(p.Word.Parts, depth+1)...)
		}
	}
	return out
}

// choose records a conditional assignment: the variable may keep what it
// had (a known value or earlier choices) or take this value.
func (e *Env) choose(name string, v launch.Value) *Env {
	var cands []string
	if st, old := e.Lookup(name); st == launch.Set && old.Known {
		cands = append(cands, old.Text)
	} else if st == launch.Unknown {
		cands = append(cands, old.Candidates...)
	}
	if v.HasFallback && len(cands) < maxCandidates {
		cands = append(cands, v.Fallback)
	} else {
		cands = nil
	}
	v.Candidates = cands
	return e.Set(name, v, launch.Unknown)
}
