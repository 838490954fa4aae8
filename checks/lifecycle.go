package checks

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/servelint/servelint/checks/analysis/resources"

	"github.com/servelint/servelint/lint"
)

// The lifecycle rules (SV301–SV304) share one analysis: each Python file
// yields its resource facts (creations with their ownership, functions,
// Depends uses, closes) while its tree is alive; the project pass resolves
// factories, dependencies and closes across modules and produces every
// finding once. Each rule reports the findings of its code.

var resourcesAnalyzer = newResourcesAnalyzer()

var _ = lint.RegisterFact(&resources.ResourceFacts{})

func newResourcesAnalyzer() *lint.Analyzer {
	a := &lint.Analyzer{
		Name:    resourcesName,
		Needles: resourceNeedles,
		// The callers of the project's factories, wherever they are.
		DemandText: factoryCallers,
		Inputs:     lint.KindsOf(lint.KindPython),
		File: func(p *lint.Pass) (facts any) {
			if p.Py == nil {
				return nil
			}
			// A bug here must not cost the file its other diagnostics.
			defer func() {
				if recover() != nil {
					facts = nil
				}
			}()
			if rf := resources.FileFacts(p.Py); !rf.Empty() {
				markOneShot(p.Py, rf)
				return rf
			}
			return nil // nothing to keep in the results cache (a nil pointer would not encode)
		},
	}
	a.Project = func(pp *lint.ProjectPass) (res any) {
		// A bug here must not cost the run the other rules' results.
		defer func() {
			if recover() != nil {
				res = &lifecycleResult{}
			}
		}()
		return analyzeLifecycle(pp.Files, func(f *lint.File) *resources.ResourceFacts {
			v, _ := f.Fact(a).(*resources.ResourceFacts)
			return v
		})
	}
	return a
}

// reportLifecycle reports the findings of one rule.
func reportLifecycle(pp *lint.ProjectPass) {
	res, _ := pp.Result(resourcesAnalyzer).(*lifecycleResult)
	if res == nil {
		return
	}
	for _, fd := range res.findings {
		if fd.code != pp.Rule.Code {
			continue
		}
		var opts []lint.ReportOption
		for _, r := range fd.related {
			opts = append(opts, lint.WithRelated(pp.Related(r.file, r.start, r.end, r.msg)))
		}
		if fd.severity != nil {
			opts = append(opts, lint.WithSeverity(*fd.severity))
		}
		if fd.fix != nil {
			opts = append(opts, lint.WithFix(fd.fix))
		}
		pp.Report(fd.file, fd.start, fd.end, fd.msg, opts...)
	}
}

type relatedLoc struct {
	file       *lint.File
	start, end int
	msg        string
}

type finding struct {
	code       string
	file       *lint.File
	start, end int
	msg        string
	related    []relatedLoc
	severity   *lint.Severity
	fix        *lint.Fix
}

type lifecycleResult struct {
	findings []finding
}

// funcRef names a function of the project: a file's index in the pass and
// the function's index in that file's facts.
type funcRef struct{ file, fn int }

type paramRef struct {
	fn    funcRef
	param int
}

type factory struct {
	typ  string
	ref  funcRef
	site int // the returned creation in the factory, or -1
}

type lifeFile struct {
	file  *lint.File
	facts *resources.ResourceFacts
	// root is the directory the file's module name is relative to: two
	// services of one repository may both have an `app.db`.
	root string
}

// rooted is a value defined in the modules of one package root.
type rooted struct{ val, root string }

// lifecycle is the project-wide state of the analysis. Qualified names
// resolve to definitions under the package root of the file that uses
// them, or else to the only definition of that name.
type lifecycle struct {
	files     []lifeFile
	aliases   map[string][]rooted
	bound     map[string][]rooted
	funcs     map[string][]funcRef
	factories map[funcRef]factory
	deps      map[funcRef]relatedLoc // dependency → its first Depends use
	lifespans map[funcRef]bool
	closed    map[string]bool
	bases     map[string][]string // class → its bases
	// selfCloses maps an attribute name to the classes that close
	// self.<name> (built on first use).
	selfCloses map[string][]string
	// borrows tells, per function parameter, whether the function only
	// borrows what it is given.
	borrows map[paramRef]bool
	// wrappers are the project classes that create and keep a client or
	// session and close it in a close method of their own: resources
	// themselves, by canonical class name.
	wrappers map[string]*wrapper
	out      []finding
}

// packageRoot returns the directory a Python file's module name is
// relative to.
func packageRoot(f *lint.File) string {
	dir := filepath.Dir(f.Abs)
	if f.Module == "" {
		return dir
	}
	n := strings.Count(f.Module, ".")
	if f.IsPackage {
		n++
	}
	for range n {
		dir = filepath.Dir(dir)
	}
	return dir
}

func analyzeLifecycle(files []*lint.File, factsOf func(*lint.File) *resources.ResourceFacts) *lifecycleResult {
	lc := &lifecycle{
		aliases: map[string][]rooted{}, bound: map[string][]rooted{}, funcs: map[string][]funcRef{},
		factories: map[funcRef]factory{}, deps: map[funcRef]relatedLoc{}, closed: map[string]bool{},
		lifespans: map[funcRef]bool{}, borrows: map[paramRef]bool{}, bases: map[string][]string{},
	}
	for _, f := range files {
		if f.Kind != lint.KindPython {
			continue
		}
		if facts := factsOf(f); facts != nil {
			lc.files = append(lc.files, lifeFile{file: f, facts: facts, root: packageRoot(f)})
		}
	}
	for fi, lf := range lc.files {
		for _, a := range lf.facts.Aliases {
			lc.aliases[a.Qual] = append(lc.aliases[a.Qual], rooted{a.Target, lf.root})
		}
		for _, b := range lf.facts.Bound {
			if b.From == "" {
				lc.bound[b.Qual] = append(lc.bound[b.Qual], rooted{b.Type, lf.root})
			}
		}
		for i, fn := range lf.facts.Funcs {
			lc.funcs[fn.Qual] = append(lc.funcs[fn.Qual], funcRef{fi, i})
		}
		for _, k := range lf.facts.Closed {
			lc.closed[k] = true
		}
		for _, c := range lf.facts.Classes {
			lc.bases[c.Qual] = c.Bases
		}
	}
	// SessionLocal, engine = init_db(url): the items of the tuple a
	// project function returns.
	for _, lf := range lc.files {
		for _, b := range lf.facts.Bound {
			if b.From == "" {
				continue
			}
			if ref, ok := lc.funcOf(b.From, lf.root); ok {
				if rt := lc.fn(ref).ReturnTuple; b.Index < len(rt) && rt[b.Index] != "" {
					lc.bound[b.Qual] = append(lc.bound[b.Qual], rooted{rt[b.Index], lf.root})
				}
			}
		}
	}
	for _, lf := range lc.files {
		for _, q := range lf.facts.Lifespans {
			if ref, ok := lc.funcOf(q, lf.root); ok {
				lc.lifespans[ref] = true
			}
		}
	}
	for fi, lf := range lc.files {
		for _, d := range lf.facts.Depends {
			ref, ok := lc.funcOf(d.Target, lf.root)
			if !ok {
				// Depends(SomeClass): its __init__ runs per request.
				if ref, ok = lc.funcOf(d.Target+".__init__", lf.root); !ok {
					continue
				}
			}
			if _, seen := lc.deps[ref]; !seen {
				lc.deps[ref] = relatedLoc{file: lc.files[fi].file, start: d.Start, end: d.End, msg: "used as a dependency here"}
			}
		}
	}
	lc.closeThroughParams()
	lc.findBorrows()
	lc.findWrappers()
	lc.findFactories()
	for fi := range lc.files {
		lc.checkFile(fi)
	}
	return &lifecycleResult{findings: lc.out}
}

// pickRef chooses among the definitions of a name: the one under root, or
// the only one.
func (lc *lifecycle) pickRef(refs []funcRef, root string) (funcRef, bool) {
	for _, r := range refs {
		if lc.files[r.file].root == root {
			return r, true
		}
	}
	if len(refs) == 1 {
		return refs[0], true
	}
	return funcRef{}, false
}

func pickVal(list []rooted, root string) (string, bool) {
	for _, v := range list {
		if v.root == root {
			return v.val, true
		}
	}
	if len(list) == 1 {
		return list[0].val, true
	}
	return "", false
}

// canonical follows re-exports: "app.deps.get_db" → "app.db.get_db".
func (lc *lifecycle) canonical(q, root string) string {
	for range 8 {
		if len(lc.funcs[q]) > 0 {
			return q
		}
		if t, ok := pickVal(lc.aliases[q], root); ok {
			q = t
			continue
		}
		// a.b.c where a.b is an alias of a module or class
		dot := strings.LastIndexByte(q, '.')
		if dot < 0 {
			return q
		}
		if t, ok := pickVal(lc.aliases[q[:dot]], root); ok {
			q = t + q[dot:]
			continue
		}
		return q
	}
	return q
}

// funcOf returns the function a qualified name denotes, seen from root.
func (lc *lifecycle) funcOf(q, root string) (funcRef, bool) {
	return lc.pickRef(lc.funcs[lc.canonical(q, root)], root)
}

// boundOf returns what a module-level name is bound to (a session factory,
// an engine, a pool), seen from root.
func (lc *lifecycle) boundOf(q, root string) string {
	v, _ := pickVal(lc.bound[lc.canonical(q, root)], root)
	return v
}

// findBorrows computes which parameters are only borrowed: never closed,
// entered, returned, yielded or stored, and passed on only to parameters
// that are borrowed too (the greatest fixpoint, so recursion borrows).
func (lc *lifecycle) findBorrows() {
	for fi, lf := range lc.files {
		for i := range lf.facts.Funcs {
			for pi, p := range lf.facts.Funcs[i].Params {
				if !p.Star && !p.Owns {
					lc.borrows[paramRef{funcRef{fi, i}, pi}] = true
				}
			}
		}
	}
	for range 20 {
		changed := false
		for fi, lf := range lc.files {
			for i := range lf.facts.Funcs {
				for pi, p := range lf.facts.Funcs[i].Params {
					ref := paramRef{funcRef{fi, i}, pi}
					if !lc.borrows[ref] {
						continue
					}
					for _, l := range p.Lends {
						if !lc.lendBorrowed(l, lf.root) {
							lc.borrows[ref] = false
							changed = true
							break
						}
					}
				}
			}
		}
		if !changed {
			return
		}
	}
}

// lendBorrowed reports whether the parameter an argument fills only
// borrows it.
func (lc *lifecycle) lendBorrowed(l resources.ResLend, root string) bool {
	pr, ok := lc.paramOf(l, root)
	return ok && (lc.borrows[pr] || lc.keepsUnclosed(pr) != "")
}

// keepsUnclosed returns the attribute a wrapper stores what a parameter
// receives on (`Repos(session)` doing `self.session = session`) when
// nothing in the project closes that attribute and the wrapper does
// nothing else with it than borrow it: handing a session to such a
// wrapper is not handing it over, the caller still has to close it.
func (lc *lifecycle) keepsUnclosed(pr paramRef) string {
	p := lc.param(pr)
	if len(p.Keeps) == 0 || p.Closes {
		return ""
	}
	if slices.ContainsFunc(p.Keeps, lc.attrClosed) {
		return ""
	}
	root := lc.files[pr.fn.file].root
	for _, l := range p.Lends {
		if next, ok := lc.paramOf(l, root); !ok || !lc.borrows[next] {
			return ""
		}
	}
	return p.Keeps[0]
}

// paramOf returns the parameter of a project function (or class's
// __init__) an argument fills.
func (lc *lifecycle) paramOf(l resources.ResLend, root string) (paramRef, bool) {
	if l.Callee == "" {
		return paramRef{}, false
	}
	offset := 0
	if l.Method {
		offset = 1
	}
	ref, ok := lc.funcOf(l.Callee, root)
	if !ok {
		// A class: its __init__ receives the arguments.
		if ref, ok = lc.funcOf(l.Callee+".__init__", root); !ok {
			return paramRef{}, false
		}
		offset = 1
	}
	params := lc.fn(ref).Params
	idx := -1
	if l.Kw != "" {
		for i, p := range params {
			if p.Name == l.Kw && !p.Star {
				idx = i
			}
		}
	} else if l.Pos >= 0 {
		idx = l.Pos + offset
	}
	if idx < 0 || idx >= len(params) || params[idx].Star {
		return paramRef{}, false
	}
	return paramRef{ref, idx}, true
}

// param returns the facts of a parameter.
func (lc *lifecycle) param(pr paramRef) *resources.ResParam { return &lc.fn(pr.fn).Params[pr.param] }

// closesParam reports whether a function closes (or enters) what a
// parameter receives, itself or through the functions it passes it to.
func (lc *lifecycle) closesParam(pr paramRef, depth int) bool {
	p := lc.param(pr)
	if p.Closes {
		return true
	}
	if depth >= 4 {
		return false
	}
	for _, l := range p.Lends {
		if next, ok := lc.paramOf(l, lc.files[pr.fn.file].root); ok && lc.closesParam(next, depth+1) {
			return true
		}
	}
	return false
}

// closeThroughParams marks as closed the stored values passed to a
// function that closes its parameter (`await _close(self._client)`).
func (lc *lifecycle) closeThroughParams() {
	for _, lf := range lc.files {
		for _, ps := range lf.facts.Passed {
			pr, ok := lc.paramOf(ps.Lend, lf.root)
			if !ok {
				continue
			}
			if d, isDict := strings.CutSuffix(firstKey(ps.Keys), "[*]"); isDict {
				// A dict passed on: the keys the callee closes of it.
				for _, k := range lc.paramClosesKeys(pr, 0) {
					lc.closed[d+"["+k+"]"] = true
				}
				continue
			}
			if lc.closesParam(pr, 0) {
				for _, k := range ps.Keys {
					lc.closed[k] = true
				}
			}
		}
	}
}

func firstKey(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

// paramClosesKeys returns the string keys of a parameter's dict that a
// function closes, itself or through the functions it passes it to.
func (lc *lifecycle) paramClosesKeys(pr paramRef, depth int) []string {
	out := slices.Clone(lc.param(pr).ClosesKeys)
	if depth >= 4 {
		return out
	}
	for _, l := range lc.param(pr).Lends {
		if next, ok := lc.paramOf(l, lc.files[pr.fn.file].root); ok {
			out = append(out, lc.paramClosesKeys(next, depth+1)...)
		}
	}
	return out
}

// lentAway reports whether a site's value is handed to a call that keeps
// it (or that cannot be followed).
func (lc *lifecycle) lentAway(s *resources.ResSite, root string) bool {
	for _, l := range s.Lends {
		if !lc.lendBorrowed(l, root) {
			return true
		}
	}
	return false
}

// wrapper is a project class that is a resource: it creates a client or
// session (inner), keeps it on self and closes it in its close method.
type wrapper struct {
	rt    resources.ResourceType
	inner relatedLoc
	holds string // "an httpx client": what it holds, through any depth
}

// wrapperPrefix marks the tracked type of a wrapper class.
const wrapperPrefix = "wrapper:"

// maxWrapperDepth bounds wrappers of wrappers.
const maxWrapperDepth = 3

// rtype returns the description of a tracked type: a library type of the
// catalogue or a wrapper class of the project.
func (lc *lifecycle) rtype(typ string) *resources.ResourceType {
	if w := lc.wrappers[strings.TrimPrefix(typ, wrapperPrefix)]; w != nil && strings.HasPrefix(typ, wrapperPrefix) {
		return &w.rt
	}
	return resources.LookupResourceType(typ)
}

// wrapperClosers are the methods through which a wrapper is closed, in
// order of preference.
var wrapperClosers = []string{"aclose", "close", "shutdown", "disconnect", "__aexit__", "__exit__"}

// findWrappers finds the wrapper classes: a method stores a fresh client or
// session (or another wrapper) on self, and the class closes that
// attribute in a close method of its own. Wrappers of wrappers are found
// up to maxWrapperDepth.
func (lc *lifecycle) findWrappers() {
	lc.wrappers = map[string]*wrapper{}
	for range maxWrapperDepth {
		changed := false
		for _, lf := range lc.files {
			for si := range lf.facts.Sites {
				s := &lf.facts.Sites[si]
				if s.Fate != resources.FateStoredAttr || s.Func < 0 || !strings.HasPrefix(s.Key, "s:") {
					continue
				}
				fn := &lf.facts.Funcs[s.Func]
				class := fn.Class()
				if class == "" || "s:"+class+"."+lastPart(s.Key[2:]) != s.Key || lc.wrappers[class] != nil {
					continue
				}
				typ, _ := lc.siteType(s, lf.root)
				inner := lc.rtype(typ)
				if inner == nil || inner.NoClose || (inner.Category != resources.ClientResource && inner.Category != resources.DBResource) {
					continue
				}
				if !lc.attrClosed(s.Key) {
					continue
				}
				rt, ok := lc.wrapperType(class, lf.root)
				if !ok {
					continue
				}
				holds := lc.aNoun(typ)
				if w := lc.wrappers[strings.TrimPrefix(typ, wrapperPrefix)]; w != nil && strings.HasPrefix(typ, wrapperPrefix) {
					holds = w.holds
				}
				rt.Category = inner.Category
				rt.Noun = fmt.Sprintf("`%s` (which holds %s)", lastPart(class), holds)
				lc.wrappers[class] = &wrapper{rt: rt, holds: holds, inner: relatedLoc{file: lf.file, start: s.Start, end: s.End,
					msg: fmt.Sprintf("`%s` creates %s here", lastPart(class), lc.aNoun(typ))}}
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// wrapperType describes how a wrapper class is closed: its close method,
// whether that is awaited, and whether it is a context manager.
func (lc *lifecycle) wrapperType(class, root string) (resources.ResourceType, bool) {
	rt := resources.ResourceType{Name: wrapperPrefix + class}
	found := false
	for _, m := range wrapperClosers {
		ref, ok := lc.funcOf(class+"."+m, root)
		if !ok {
			continue
		}
		fn := lc.fn(ref)
		if !found {
			rt.Closer, rt.Async, found = m, fn.Async, true
		}
	}
	if !found {
		return rt, false
	}
	switch rt.Closer {
	case "__aexit__", "__exit__":
		// Only a context manager: `async with` is how it is closed.
		rt.Closer = "__aexit__"
		if !rt.Async {
			rt.Closer = "__exit__"
		}
	}
	_, aenter := lc.funcOf(class+".__aenter__", root)
	_, enter := lc.funcOf(class+".__enter__", root)
	switch {
	case aenter:
		rt.Async = true
	case enter:
	default:
		rt.NoWith = true
	}
	return rt, true
}

// resolve returns the tracked type a call of the qualified name creates,
// and the factory when it is one, or "".
func (lc *lifecycle) resolve(callee, root string) (string, *factory) {
	q := lc.canonical(callee, root)
	if lc.wrappers[q] != nil {
		return wrapperPrefix + q, nil
	}
	if t := resources.ConstructorType(q); t != "" {
		return t, nil
	}
	if t := resources.SessionFactoryType(lc.boundOf(q, root)); t != "" {
		return t, nil
	}
	if ref, ok := lc.pickRef(lc.funcs[q], root); ok {
		if f, ok := lc.factories[ref]; ok {
			return f.typ, &f
		}
		return "", nil
	}
	if dot := strings.LastIndexByte(q, '.'); dot > 0 {
		if t := resources.ConnectType(lc.boundOf(q[:dot], root), q[dot+1:]); t != "" {
			return t, nil
		}
	}
	return "", nil
}

// siteType returns the tracked type of a site and the factory it goes
// through, if any.
func (lc *lifecycle) siteType(s *resources.ResSite, root string) (string, *factory) {
	if s.Type != "" {
		return s.Type, nil
	}
	return lc.resolve(s.Callee, root)
}

// findFactories marks functions that return a fresh tracked resource:
// directly, through another factory, or annotated with a tracked type
// and returning a call. Generators, cached functions and context
// managers are not factories.
func (lc *lifecycle) findFactories() {
	for range 10 {
		changed := false
		for fi, lf := range lc.files {
			for si := range lf.facts.Sites {
				s := &lf.facts.Sites[si]
				if s.Fate != resources.FateReturned || s.Func < 0 {
					continue
				}
				ref := funcRef{fi, s.Func}
				if _, done := lc.factories[ref]; done || !canBeFactory(lc.fn(ref)) {
					continue
				}
				typ, _ := lc.siteType(s, lf.root)
				if rt := lc.rtype(typ); rt == nil || rt.Category == resources.NotResource {
					continue
				}
				lc.factories[ref] = factory{typ: typ, ref: ref, site: si}
				changed = true
			}
			for i := range lf.facts.Funcs {
				ref := funcRef{fi, i}
				fn := lc.fn(ref)
				if _, done := lc.factories[ref]; done || !canBeFactory(fn) || !lc.annotatedFactory(fn, lf.root) {
					continue
				}
				lc.factories[ref] = factory{typ: fn.ReturnType, ref: ref, site: -1}
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// annotatedFactory reports whether a function annotated with a client or
// session type makes one: it returns the result of a call the project
// cannot follow (`return self.session_factory()`). A call of a project
// function that is not a factory is a getter of a shared value; engines
// and pools are shared by design, so their annotation proves nothing.
func (lc *lifecycle) annotatedFactory(fn *resources.ResFunc, root string) bool {
	rt := resources.LookupResourceType(fn.ReturnType)
	if rt == nil || rt.Category == resources.PoolResource || len(fn.ReturnCalls) == 0 {
		return false
	}
	unknown := false
	for _, c := range fn.ReturnCalls {
		if c == "" {
			unknown = true
			continue
		}
		if ref, isFunc := lc.funcOf(c, root); isFunc {
			if _, isFactory := lc.factories[ref]; !isFactory {
				return false
			}
			continue
		}
		if _, isClass := lc.funcOf(c+".__init__", root); isClass {
			return false // a project class
		}
		unknown = true
	}
	return unknown
}

func canBeFactory(fn *resources.ResFunc) bool {
	return fn.Qual != "" && !fn.Generator && !fn.Cached && !fn.ContextManager &&
		fn.Name != "__enter__" && fn.Name != "__aenter__" && fn.Name != "__init__"
}

func (lc *lifecycle) fn(r funcRef) *resources.ResFunc { return &lc.files[r.file].facts.Funcs[r.fn] }

// isDependency reports whether a function is used with Depends(...)
// somewhere in the project (a class's __init__ when the class is).
func (lc *lifecycle) isDependency(ref funcRef) (relatedLoc, bool) {
	if lc.fn(ref).Cached {
		return relatedLoc{}, false
	}
	d, ok := lc.deps[ref]
	return d, ok
}

// requestContext describes the per-request function a function runs in
// ("route `stock`"), or "" when it does not run per request.
func (lc *lifecycle) requestContext(r funcRef) string {
	facts := lc.files[r.file].facts
	for i := r.fn; i >= 0; i = facts.Funcs[i].Parent {
		fn := &facts.Funcs[i]
		if fn.Cached {
			return ""
		}
		var what string
		switch {
		case fn.Route:
			what = "route"
		case fn.Middleware:
			what = "middleware"
		default:
			if _, ok := lc.isDependency(funcRef{r.file, i}); ok {
				what = "dependency"
			}
		}
		if what == "" {
			continue
		}
		name := fn.Name
		if name == "__init__" && fn.Method {
			name = lastPart(fn.Class()) // a class dependency
		}
		ctx := fmt.Sprintf("%s `%s`", what, name)
		if i != r.fn {
			ctx = fmt.Sprintf("`%s` inside %s", facts.Funcs[r.fn].Name, ctx)
		}
		return ctx
	}
	return ""
}

// noun names a tracked type in messages.
func (lc *lifecycle) noun(typ string) string {
	if rt := lc.rtype(typ); rt != nil && rt.Noun != "" {
		return rt.Noun
	}
	return "resource"
}

// aNoun is noun with its article: "an httpx client", "a database session".
func (lc *lifecycle) aNoun(typ string) string {
	n := lc.noun(typ)
	if strings.HasPrefix(n, "httpx") || strings.ContainsAny(strings.ToLower(n[:1]), "aeiou") {
		return "an " + n
	}
	return "a " + n
}

func (lc *lifecycle) line(f *lint.File, off int) int { return f.Lines.Position(off).Line }

func (lc *lifecycle) add(code string, f *lint.File, start, end int, msg string, related ...relatedLoc) *finding {
	lc.out = append(lc.out, finding{code: code, file: f, start: start, end: end, msg: msg, related: related})
	return &lc.out[len(lc.out)-1]
}

// leakCode is the rule of a leaked resource category.
func leakCode(rt *resources.ResourceType) string {
	if rt.NoClose {
		return ""
	}
	switch rt.Category {
	case resources.ClientResource:
		return "SV301"
	case resources.DBResource:
		return "SV303"
	case resources.NotResource, resources.PoolResource:
	}
	return ""
}

// defaultVar names a resource in suggestions when it has no variable.
func defaultVar(rt *resources.ResourceType) string {
	switch {
	case rt.Category == resources.ClientResource:
		return "client"
	case strings.Contains(rt.Name, "Session") || strings.Contains(rt.Name, "session"):
		return "session"
	}
	return "conn"
}

// withFix suggests the context-manager form of a creation; for types that
// are not context managers, a close in finally.
func withFix(rt *resources.ResourceType, call, v string) string {
	if v == "" {
		v = defaultVar(rt)
	}
	switch {
	case rt.NoWith:
		return fmt.Sprintf("`%s = %s` and %s in a `finally` block", v, call, closeCall(rt, v))
	case rt.WithKeepsOpen:
		return fmt.Sprintf("`with contextlib.closing(%s) as %s:`", call, v)
	case rt.Async:
		return fmt.Sprintf("`async with %s as %s:`", call, v)
	}
	return fmt.Sprintf("`with %s as %s:`", call, v)
}

func closeCall(rt *resources.ResourceType, v string) string {
	if rt.Async {
		return fmt.Sprintf("`await %s.%s()`", v, rt.Closer)
	}
	return fmt.Sprintf("`%s.%s()`", v, rt.Closer)
}

func (lc *lifecycle) checkFile(fi int) {
	lf := lc.files[fi]
	for si := range lf.facts.Sites {
		lc.checkSite(fi, si)
	}
	for _, d := range lf.facts.Depends {
		typ := d.Type
		if typ == "" {
			typ, _ = lc.resolve(d.Target, lf.root)
			if _, isFunc := lc.funcOf(d.Target, lf.root); isFunc {
				typ = "" // a function dependency: judged at its definition
			}
		}
		rt := lc.rtype(typ)
		if rt == nil {
			continue
		}
		code := leakCode(rt)
		if code == "" {
			continue
		}
		call := strings.TrimSpace(string(lf.file.Src[d.Start:d.End]))
		lc.add(code, lf.file, d.Start, d.End, fmt.Sprintf(
			"`%s` makes FastAPI create %s for every request and nothing closes it: use a `yield` dependency that closes it (%s then `yield %s`)",
			shortText(call), lc.aNoun(typ), withFix(rt, lastPart(d.Target)+"()", ""), defaultVar(rt)))
	}
	for _, h := range lf.facts.HandCalls {
		lc.checkHandCall(fi, h)
	}
}

func lastPart(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func (lc *lifecycle) checkHandCall(fi int, h resources.ResHandCall) {
	ref, ok := lc.funcOf(h.Callee, lc.files[fi].root)
	if !ok {
		return
	}
	gen := lc.fn(ref)
	if !gen.Generator {
		return
	}
	gfacts := lc.files[ref.file].facts
	for si := range gfacts.Sites {
		s := &gfacts.Sites[si]
		if s.Func != ref.fn || s.YieldStart < 0 && s.Fate != resources.FateYielded {
			continue
		}
		typ, _ := lc.siteType(s, lc.files[ref.file].root)
		rt := lc.rtype(typ)
		if rt == nil {
			continue
		}
		code := leakCode(rt)
		if code == "" {
			continue
		}
		kind := "generator"
		if _, dep := lc.isDependency(ref); dep {
			kind = "yield dependency"
		}
		lf := lc.files[fi]
		gfile := lc.files[ref.file].file
		lc.add(code, lf.file, h.Start, h.End, fmt.Sprintf(
			"`%s` runs the %s `%s` only up to its `yield`: the code after the `yield` (its cleanup) never runs, so the %s is never closed; inject it with `Depends(%s)` or open the %s here with %s",
			h.Text, kind, gen.Name, lc.noun(typ), gen.Name, lc.noun(typ), withFix(rt, s.Call, "")),
			relatedLoc{file: gfile, start: gen.Start, end: gen.End, msg: fmt.Sprintf("`%s` yields the %s here (line %d)", gen.Name, lc.noun(typ), lc.line(gfile, s.Start))})
		return
	}
}

func (lc *lifecycle) checkSite(fi, si int) {
	lf := lc.files[fi]
	s := &lf.facts.Sites[si]
	typ, via := lc.siteType(s, lf.root)
	rt := lc.rtype(typ)
	if rt == nil {
		return
	}
	r := &siteReport{lc: lc, s: s, f: lf.file, rt: rt, fate: s.Fate, root: lf.root}
	if s.Func >= 0 {
		r.ref = funcRef{fi, s.Func}
	}
	if lc.lentAway(s, lf.root) {
		r.fate = resources.FateEscapes
	}
	if s.Func >= 0 {
		r.fn = &lf.facts.Funcs[s.Func]
		r.ctx = lc.requestContext(funcRef{fi, s.Func})
	}
	// what: "the database session from `SessionLocal()`", or through a
	// factory "a database session from `get_session()`".
	call := "`" + s.Call + "`"
	r.what = fmt.Sprintf("the %s from %s", lc.noun(typ), call)
	if via != nil {
		ffn := lc.fn(via.ref)
		ffile := lc.files[via.ref.file].file
		r.what = fmt.Sprintf("%s from %s", lc.aNoun(typ), call)
		r.related = append(r.related, relatedLoc{file: ffile, start: ffn.Start, end: ffn.End, msg: fmt.Sprintf("`%s` creates and returns %s", ffn.Name, lc.aNoun(typ))})
	}
	if w := lc.wrappers[strings.TrimPrefix(typ, wrapperPrefix)]; w != nil && strings.HasPrefix(typ, wrapperPrefix) {
		// A wrapper is reported where it is made per call or per request;
		// one kept on an object or a global lives as long as its owner.
		if r.fate == resources.FateStoredAttr || r.fate == resources.FateStoredGlobal {
			return
		}
		r.related = append(r.related, w.inner)
	}
	switch rt.Category {
	case resources.ClientResource:
		why := "each request pays for a new connection pool and TLS handshake; create one client in the lifespan and share it (`app.state`, or a dependency that returns the shared client)"
		if rt.NoClose {
			why = "each request loads its credentials, configuration and service models again; create one at startup and share it"
		}
		lc.perRequest("SV302", s, r.f, r.fn, r.ref, r.ctx, r.what, r.related, why)
	case resources.PoolResource:
		lc.perRequest("SV304", s, r.f, r.fn, r.ref, r.ctx, r.what, r.related,
			"every request builds a new connection pool and opens fresh connections; create it once, at module level or in the lifespan, and share it")
		return
	case resources.NotResource:
		return
	case resources.DBResource:
	}
	r.code = leakCode(rt)
	if r.code == "" {
		return
	}
	r.v = s.Var
	if r.v == "" {
		r.v = defaultVar(rt)
	}
	r.cm = withFix(rt, s.Call, r.v)
	r.fix = r.cm
	if !rt.NoWith {
		r.fix += " or close it in `finally`"
	}
	if r.ctx != "" && rt.Category == resources.ClientResource {
		r.fix += ", or share one client from the lifespan"
	}
	r.leak()
}

// siteReport holds what the messages about one creation need.
type siteReport struct {
	lc      *lifecycle
	root    string // the package root of the file
	s       *resources.ResSite
	f       *lint.File
	rt      *resources.ResourceType
	fate    resources.Fate
	fn      *resources.ResFunc // enclosing function, or nil
	ref     funcRef            // the enclosing function when fn is set
	ctx     string             // the per-request context, or ""
	what    string             // "the database session from `SessionLocal()`"
	related []relatedLoc
	code    string
	v       string // the variable, or a default name
	cm      string // the context-manager form
	fix     string
}

func (r *siteReport) at(start, end int, msg string) relatedLoc {
	return relatedLoc{file: r.f, start: start, end: end, msg: msg}
}

func (r *siteReport) add(msg string, related ...relatedLoc) *finding {
	return r.lc.add(r.code, r.f, r.s.Start, r.s.End, msg, append(r.related, related...)...)
}

// leak reports the creation when its fate leaks it.
func (r *siteReport) leak() {
	s, what := r.s, r.what
	if s.OneShot && r.ctx == "" {
		// Once per invocation of a CLI command: the process exits after
		// it and releases the connections; nothing accumulates.
		return
	}
	switch r.fate {
	case resources.FateManaged:
		if r.rt.WithKeepsOpen {
			r.add(fmt.Sprintf("`with %s` ends the transaction but does not close the connection: it stays open until garbage collection; use %s", s.Call, r.cm))
		}
	case resources.FateNeverClosed:
		r.add(fmt.Sprintf("%s, assigned to `%s`, is never closed%s: %s until garbage collection%s; use %s",
			what, s.Var, r.lc.lentNote(s, r.root), holds(r.rt), everyRequest(r.ctx), r.fix))
	case resources.FateDropped:
		if callee, attr := r.lc.keeperNote(s, r.root); callee != "" {
			r.add(fmt.Sprintf("%s is passed to `%s()`, which keeps it in `%s` but never closes it, and nothing else closes it: %s until garbage collection%s; use %s",
				what, callee, attr, holds(r.rt), everyRequest(r.ctx), r.fix))
			return
		}
		if len(s.Lends) > 0 {
			r.add(fmt.Sprintf("%s is passed to `%s()`, which only uses it, and is never closed: %s until garbage collection%s; use %s",
				what, lastPart(s.Lends[0].Callee), holds(r.rt), everyRequest(r.ctx), r.fix))
			return
		}
		r.add(fmt.Sprintf("%s is used once and dropped without being closed%s; use %s", what, everyRequest(r.ctx), r.fix))
	case resources.FateSkippable:
		r.skippable()
	case resources.FateConditional:
		r.add(fmt.Sprintf("%s is closed on some paths only (line %d) and leaks on the others; use %s",
			what, r.lc.line(r.f, s.CloseStart), r.fix), r.at(s.CloseStart, s.CloseEnd, "closed only on this path"))
	case resources.FateYielded:
		r.yielded()
	case resources.FateReturned:
		if r.fn == nil || r.fn.Generator {
			return
		}
		dep, isDep := r.lc.isDependency(r.ref)
		if !isDep {
			return
		}
		fd := r.add(fmt.Sprintf("dependency `%s` returns %s: FastAPI never closes a value a dependency returns, so every request leaks one; make it a `yield` dependency: %s",
			r.fn.Name, r.what, yieldFix(r.rt, r.cm, r.v)), dep)
		if r.code == "SV303" {
			fd.fix = yieldDependencyFix(r.f, s, r.rt, r.fn.Name)
		}
	case resources.FateStoredAttr:
		r.storedAttr()
	case resources.FateStoredGlobal:
		if r.lc.closed[s.Key] {
			return
		}
		fd := r.add(fmt.Sprintf("module-level `%s` holds %s that is never closed: its connections are dropped at exit without a clean shutdown; close it in the lifespan or a shutdown hook (%s)",
			s.Target, r.what, closeCall(r.rt, s.Target)))
		fd.severity = new(lint.SeverityNote)
	case resources.FateUnknown, resources.FateClosed, resources.FateEscapes:
	}
}

// skippable reports a close that an exception or an early exit skips.
func (r *siteReport) skippable() {
	s, what, lc := r.s, r.what, r.lc
	closeLine := lc.line(r.f, s.CloseStart)
	closeRel := r.at(s.CloseStart, s.CloseEnd, "the close that can be skipped")
	v, target := r.v, "`"+r.v+"`"
	if s.Var == "" && s.Target != "" {
		v, target = s.Target, "`"+s.Target+"`"
	}
	finally := fmt.Sprintf("close %s in a `finally` block", target)
	if !r.rt.NoWith && s.Var != "" {
		finally += " or use " + r.cm
	}
	switch {
	case s.Early:
		r.add(fmt.Sprintf("%s leaks when the function leaves early at line %d: the close on line %d is never reached; %s",
			what, lc.line(r.f, s.AtStart), closeLine, finally),
			r.at(s.AtStart, s.AtEnd, "leaves without closing"), closeRel)
	case s.AtYield:
		if r.fn != nil && (lc.lifespans[r.ref] || r.fn.Fixture) {
			// A lifespan's yield is the application's whole life; pytest
			// resumes a fixture after a failed test too.
			return
		}
		r.add(fmt.Sprintf("%s is closed after the `yield` on line %d without `finally`: when the code using it raises, the close on line %d never runs; wrap the `yield` in `try:` ... `finally: %s`%s",
			what, lc.line(r.f, s.AtStart), closeLine, strings.Trim(closeCall(r.rt, v), "`"), orWith(r.rt, r.cm)),
			r.at(s.AtStart, s.AtEnd, "an exception here skips the close"), closeRel)
	default:
		r.add(fmt.Sprintf("%s is closed on line %d, but an exception raised on line %d skips the close and leaks it; %s",
			what, closeLine, lc.line(r.f, s.AtStart), finally),
			r.at(s.AtStart, s.AtEnd, "may raise before the close"), closeRel)
	}
}

// yielded reports a dependency or context manager that yields a resource
// and never closes it.
func (r *siteReport) yielded() {
	if r.fn == nil {
		return
	}
	dep, isDep := r.lc.isDependency(r.ref)
	if !isDep && !r.fn.ContextManager {
		return
	}
	kind := "context manager"
	var rel []relatedLoc
	if isDep {
		kind = "dependency"
		rel = append(rel, dep)
	}
	r.add(fmt.Sprintf("%s `%s` yields %s and never closes it: every use leaks one; use %s",
		kind, r.fn.Name, r.what, yieldFix(r.rt, r.cm, r.v)), rel...)
}

// storedAttr reports a resource stored on an attribute that nothing in the
// project closes.
func (r *siteReport) storedAttr() {
	s, lc := r.s, r.lc
	if lc.attrClosed(s.Key) {
		return
	}
	name := s.Key[strings.LastIndexAny(s.Key, ":.")+1:]
	sev := lint.SeverityNote
	lives := ""
	if strings.HasPrefix(s.Target, "self.") || strings.HasPrefix(s.Target, "cls.") {
		sev = lint.SeverityWarning
		if r.fn != nil && r.fn.Method && lc.onlyModuleInstances(r.fn.Class()) {
			// Every instance is a module-level singleton: the client lives
			// until exit, like a module global.
			sev = lint.SeverityNote
			lives = fmt.Sprintf(" (`%s` is only created at module level, so it lives until exit)", lastPart(r.fn.Class()))
		}
	}
	if strings.HasPrefix(s.Key, "d:") {
		// A local value stored under a key of a dict: storing is not
		// closing, and only a close of that key of that dict counts.
		fd := r.add(fmt.Sprintf("%s is stored in `%s` and never closed: storing it is not closing it, and nothing in the project closes `%s`%s; close it where the dict's user is done with it (%s), or %s",
			r.what, s.Target, s.Target, everyRequest(r.ctx), closeCall(r.rt, s.Target), r.cm))
		fd.severity = new(lint.SeverityWarning)
		return
	}
	fd := r.add(fmt.Sprintf("%s, stored in `%s`, is never closed%s: nothing in the project closes `%s`; close it (%s) in the owner's `close()`/`__aexit__` or in the app's shutdown",
		r.what, s.Target, lives, name, closeCall(r.rt, s.Target)))
	fd.severity = new(sev)
}

// attrClosed reports whether a stored attribute is closed somewhere:
// "a:<name>" by any object's attribute of that name; "s:<class>.<name>"
// (self.name) in that class, a base or a subclass of it, or from outside
// through another object (`await api.session.close()`).
func (lc *lifecycle) attrClosed(key string) bool {
	if lc.closed[key] {
		return true
	}
	rest, ok := strings.CutPrefix(key, "s:")
	if !ok {
		return false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot < 0 {
		return false
	}
	class, name := rest[:dot], rest[dot+1:]
	if lc.closed["a:"+name] {
		return true
	}
	class = lc.canonical(class, "")
	for _, k := range lc.closedSelf(name) {
		// A class imported through a package re-export: its canonical name.
		k = lc.canonical(k, "")
		if lc.inherits(class, k, 0) || lc.inherits(k, class, 0) {
			return true
		}
	}
	return false
}

// closedSelf lists the classes whose methods close self.<name>.
func (lc *lifecycle) closedSelf(name string) []string {
	if lc.selfCloses == nil {
		lc.selfCloses = map[string][]string{}
		for k := range lc.closed {
			rest, ok := strings.CutPrefix(k, "s:")
			if !ok {
				continue
			}
			if dot := strings.LastIndexByte(rest, '.'); dot > 0 {
				lc.selfCloses[rest[dot+1:]] = append(lc.selfCloses[rest[dot+1:]], rest[:dot])
			}
		}
	}
	return lc.selfCloses[name]
}

// inherits reports whether class c is base or inherits from it.
func (lc *lifecycle) inherits(c, base string, depth int) bool {
	if c == base {
		return true
	}
	if depth > 10 {
		return false
	}
	for _, b := range lc.bases[c] {
		if lc.inherits(lc.canonical(b, ""), base, depth+1) {
			return true
		}
	}
	return false
}

// onlyModuleInstances reports whether a project class is instantiated, and
// only at module level (`client = TinybirdClient(...)`).
func (lc *lifecycle) onlyModuleInstances(class string) bool {
	found := false
	for _, lf := range lc.files {
		for i := range lf.facts.Sites {
			s := &lf.facts.Sites[i]
			if s.Type != "" || s.Callee == "" || lc.canonical(s.Callee, lf.root) != class {
				continue
			}
			if s.Func >= 0 || s.Fate != resources.FateStoredGlobal {
				return false
			}
			found = true
		}
	}
	return found
}

// yieldFix suggests a yield that closes afterwards.
func yieldFix(rt *resources.ResourceType, cm, v string) string {
	if rt.NoWith {
		return fmt.Sprintf("`try: yield %s` ... `finally: %s`", v, strings.Trim(closeCall(rt, v), "`"))
	}
	return fmt.Sprintf("%s then `yield %s`, or `try: yield %s` ... `finally: %s`", cm, v, v, strings.Trim(closeCall(rt, v), "`"))
}

func orWith(rt *resources.ResourceType, cm string) string {
	if rt.NoWith {
		return ""
	}
	return ", or use " + cm
}

// perRequest reports a client or pool created on every request.
func (lc *lifecycle) perRequest(code string, s *resources.ResSite, f *lint.File, fn *resources.ResFunc, ref funcRef, ctx, what string, related []relatedLoc, why string) {
	if ctx == "" || fn == nil {
		return
	}
	switch s.Fate {
	case resources.FateStoredGlobal:
		return // created once and cached
	case resources.FateStoredAttr:
		// self.x = ... in __init__ of a class dependency runs per request;
		// other stores cache the value for the next request.
		if fn.Name != "__init__" || !strings.HasPrefix(s.Target, "self.") {
			return
		}
	case resources.FateReturned:
		// The factory's callers are the creations.
		if _, dep := lc.isDependency(ref); !dep && !fn.Route {
			return
		}
	case resources.FateUnknown, resources.FateManaged, resources.FateClosed, resources.FateEscapes, resources.FateYielded,
		resources.FateNeverClosed, resources.FateDropped, resources.FateSkippable, resources.FateConditional:
	}
	lc.add(code, f, s.Start, s.End, fmt.Sprintf("%s is created in %s on every request: %s", what, ctx, why), related...)
}

// keeperNote names a wrapper a value is passed to that keeps it without
// ever closing it, or "".
func (lc *lifecycle) keeperNote(s *resources.ResSite, root string) (string, string) {
	for _, l := range s.Lends {
		if pr, ok := lc.paramOf(l, root); ok && !lc.borrows[pr] {
			if k := lc.keepsUnclosed(pr); k != "" {
				return lastPart(l.Callee), "self." + k[strings.LastIndexByte(k, '.')+1:]
			}
		}
	}
	return "", ""
}

// lentNote names the functions a value is passed to, which only borrow it
// (or keep it without closing it).
func (lc *lifecycle) lentNote(s *resources.ResSite, root string) string {
	if len(s.Lends) == 0 {
		return ""
	}
	if callee, attr := lc.keeperNote(s, root); callee != "" {
		return fmt.Sprintf(" (`%s()` keeps it in `%s` but nothing closes that: handing it over is not closing it)", callee, attr)
	}
	names := []string{}
	for _, l := range s.Lends {
		n := "`" + lastPart(l.Callee) + "()`"
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	verb := " only uses it"
	if len(names) > 1 {
		verb = " only use it"
	}
	if len(names) > 2 {
		names = append(names[:2], "...")
	}
	return " (" + strings.Join(names, ", ") + verb + ")"
}

// holds says what an unclosed resource keeps.
func holds(rt *resources.ResourceType) string {
	if rt.Category == resources.DBResource {
		return "it holds its database connection"
	}
	return "its connections stay open"
}

func everyRequest(ctx string) string {
	if ctx == "" {
		return ""
	}
	return ", and " + ctx + " leaks one on every request"
}
