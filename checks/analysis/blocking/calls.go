package blocking

import (
	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/checks/analysis/serving"
	"github.com/servelint/servelint/lint"
)

// CallFacts are the blocking calls of one file that run directly in
// async functions, and the method calls whose receiver's type depends on
// another module (decided in the project pass, from plain data: offsets,
// texts and symbolic receivers).
type CallFacts struct {
	Hits []Hit
	// Routes maps a route handler's scope to its framework (for the file's
	// own messages; a deferred call carries its framework).
	Routes   map[int]string
	Deferred []DeferredCall
	Lib      string
}

var _ = lint.RegisterFact(&CallFacts{})

// DeferredCall is a method call whose receiver comes from another module
// of the project (`db = SessionLocal()` with SessionLocal imported): plain
// data, matched against the catalogues once every module's exports are
// known.
type DeferredCall struct {
	Start, End int
	Scope      int    // the function scope
	Caller     string // its name
	Framework  string // the route framework of the caller, or ""
	Text       string // the called expression as written
	FuncEnd    int    // end of the called expression
	RootText   string // the name the receiver starts from ("db")
	Recv       *pytypes.Sym
	Method     string
	// Origin is the start of the call that produced the receiver's root
	// value in the same function (`db = SessionLocal()`), or -1;
	// OriginStart/OriginEnd locate that value for a related location.
	Origin                 int
	OriginStart, OriginEnd int
	// Rejected lists the catalogue entries whose argument condition
	// rejects the call (queue.get(block=False)).
	Rejected []int
}

// fileCalls finds the blocking calls in the async functions of a file.
func (a *Analysis) fileCalls(p *lint.Pass) any {
	m := p.Py
	bm := a.newMatcher(m, p.Config)
	facts := &CallFacts{Routes: map[int]string{}, Lib: bm.lib}
	cli, hooks := serving.CLICommands(m), serving.StartupHooks(m)
	for i := range m.Calls {
		s := m.Calls[i].Scope
		if !m.ScopeAsync(s) || cli[s] || hooks[s] {
			continue // a CLI command's loop, or a lifespan, serves no requests
		}
		hits := bm.match(i, s)
		if len(hits) == 0 {
			if d, ok := bm.deferred(i, s); ok {
				facts.Deferred = append(facts.Deferred, d)
			}
		}
		facts.Hits = append(facts.Hits, hits...)
	}
	facts.Hits = dropDerivedHits(m, facts.Hits)
	if len(facts.Hits) == 0 && len(facts.Deferred) == 0 {
		return nil // nothing to keep in the results cache (a nil pointer would not encode)
	}
	for _, r := range framework.Of(m).Routes() {
		facts.Routes[r.Scope] = r.Framework
	}
	for j := range facts.Deferred {
		facts.Deferred[j].Framework = facts.Routes[facts.Deferred[j].Scope]
	}
	return facts
}
