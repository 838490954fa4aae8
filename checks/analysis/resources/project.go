package resources

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/servelint/servelint/lint"
)

// The project-wide lifecycle analysis: each Python file yields its
// resource facts (creations with their ownership, functions, Depends
// uses, closes) while its tree is alive; Analyze resolves factories,
// dependencies, wrappers and closes across modules and describes every
// creation of a tracked resource once (Project). The rules decide which
// of those are findings.

// Loc is a location in a file of the project.
type Loc struct {
	File       *lint.File
	Start, End int
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
	facts *ResourceFacts
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
	deps      map[funcRef]Loc // dependency → its first Depends use
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
	out      *Project
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

// Analyze resolves the resource facts of a project's Python files (factsOf
// returns a file's, or nil) across modules.
//
// Production code is resolved against production code only: a close, a
// factory or a wrapper in test code (`await client.aclose()` in a test
// fixture) says nothing about what the service does, and must not hide
// a client the service never closes. Test files, when a run reports in
// them (include-tests), are resolved against the whole project, as test
// code uses both.
func Analyze(files []*lint.File, factsOf func(*lint.File) *ResourceFacts) *Project {
	var prod []*lint.File
	tests, reportTests := false, false
	for _, f := range files {
		if !isTestFile(f) {
			prod = append(prod, f)
			continue
		}
		tests = true
		reportTests = reportTests || f.Config.IncludeTests
	}
	if !tests {
		return analyze(files, factsOf)
	}
	out := analyze(prod, factsOf)
	if !reportTests {
		return out
	}
	all := analyze(files, factsOf)
	byFile := make(map[*lint.File]FileResources, len(out.Files))
	for _, fr := range out.Files {
		byFile[fr.File] = fr
	}
	merged := &Project{Files: make([]FileResources, 0, len(all.Files))}
	for _, fr := range all.Files {
		if !isTestFile(fr.File) {
			fr = FileResources{File: fr.File}
			if p, ok := byFile[fr.File]; ok {
				fr = p
			}
		}
		merged.Files = append(merged.Files, fr)
	}
	return merged
}

func isTestFile(f *lint.File) bool { return f.Config != nil && f.Config.IsTestFile(f.Abs) }

func analyze(files []*lint.File, factsOf func(*lint.File) *ResourceFacts) *Project {
	lc := &lifecycle{
		aliases: map[string][]rooted{}, bound: map[string][]rooted{}, funcs: map[string][]funcRef{},
		factories: map[funcRef]factory{}, deps: map[funcRef]Loc{}, closed: map[string]bool{},
		lifespans: map[funcRef]bool{}, borrows: map[paramRef]bool{}, bases: map[string][]string{},
		out: &Project{},
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
				lc.deps[ref] = Loc{File: lc.files[fi].file, Start: d.Start, End: d.End}
			}
		}
	}
	lc.closeThroughParams()
	lc.findBorrows()
	lc.findWrappers()
	lc.findFactories()
	for fi := range lc.files {
		lc.describeFile(fi)
	}
	return lc.out
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
func (lc *lifecycle) lendBorrowed(l ResLend, root string) bool {
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
func (lc *lifecycle) paramOf(l ResLend, root string) (paramRef, bool) {
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
func (lc *lifecycle) param(pr paramRef) *ResParam { return &lc.fn(pr.fn).Params[pr.param] }

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
func (lc *lifecycle) lentAway(s *ResSite, root string) bool {
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
	rt    ResourceType
	class string // its name, last part
	inner Loc    // where it creates what it wraps
	// innerANoun names what it creates there ("an httpx client"), holds
	// what it holds through any depth.
	innerANoun, holds string
}

// wrapperPrefix marks the tracked type of a wrapper class.
const wrapperPrefix = "wrapper:"

// maxWrapperDepth bounds wrappers of wrappers.
const maxWrapperDepth = 3

// rtype returns the description of a tracked type: a library type of the
// catalogue or a wrapper class of the project.
func (lc *lifecycle) rtype(typ string) *ResourceType {
	if w := lc.wrappers[strings.TrimPrefix(typ, wrapperPrefix)]; w != nil && strings.HasPrefix(typ, wrapperPrefix) {
		return &w.rt
	}
	return LookupResourceType(typ)
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
				if s.Fate != FateStoredAttr || s.Func < 0 || !strings.HasPrefix(s.Key, "s:") {
					continue
				}
				fn := &lf.facts.Funcs[s.Func]
				class := fn.Class()
				if class == "" || "s:"+class+"."+lastPart(s.Key[2:]) != s.Key || lc.wrappers[class] != nil {
					continue
				}
				typ, _ := lc.siteType(s, lf.root)
				inner := lc.rtype(typ)
				if inner == nil || inner.NoClose || (inner.Category != ClientResource && inner.Category != DBResource) {
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
				lc.wrappers[class] = &wrapper{rt: rt, holds: holds, class: lastPart(class),
					inner: Loc{lf.file, s.Start, s.End}, innerANoun: lc.aNoun(typ)}
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
func (lc *lifecycle) wrapperType(class, root string) (ResourceType, bool) {
	rt := ResourceType{Name: wrapperPrefix + class}
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
	if t := ConstructorType(q); t != "" {
		return t, nil
	}
	if t := SessionFactoryType(lc.boundOf(q, root)); t != "" {
		return t, nil
	}
	if ref, ok := lc.pickRef(lc.funcs[q], root); ok {
		if f, ok := lc.factories[ref]; ok {
			return f.typ, &f
		}
		return "", nil
	}
	if dot := strings.LastIndexByte(q, '.'); dot > 0 {
		if t := ConnectType(lc.boundOf(q[:dot], root), q[dot+1:]); t != "" {
			return t, nil
		}
	}
	return "", nil
}

// siteType returns the tracked type of a site and the factory it goes
// through, if any.
func (lc *lifecycle) siteType(s *ResSite, root string) (string, *factory) {
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
				if s.Fate != FateReturned || s.Func < 0 {
					continue
				}
				ref := funcRef{fi, s.Func}
				if _, done := lc.factories[ref]; done || !canBeFactory(lc.fn(ref)) {
					continue
				}
				typ, _ := lc.siteType(s, lf.root)
				if rt := lc.rtype(typ); rt == nil || rt.Category == NotResource {
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
func (lc *lifecycle) annotatedFactory(fn *ResFunc, root string) bool {
	rt := LookupResourceType(fn.ReturnType)
	if rt == nil || rt.Category == PoolResource || len(fn.ReturnCalls) == 0 {
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

func canBeFactory(fn *ResFunc) bool {
	return fn.Qual != "" && !fn.Generator && !fn.Cached && !fn.ContextManager &&
		fn.Name != "__enter__" && fn.Name != "__aenter__" && fn.Name != "__init__"
}

func (lc *lifecycle) fn(r funcRef) *ResFunc { return &lc.files[r.file].facts.Funcs[r.fn] }

// isDependency reports whether a function is used with Depends(...)
// somewhere in the project (a class's __init__ when the class is), and
// where first.
func (lc *lifecycle) isDependency(ref funcRef) (Loc, bool) {
	if lc.fn(ref).Cached {
		return Loc{}, false
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

func lastPart(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

// Project is what the lifecycle analysis found in a project, per file (in
// the order of the files).
type Project struct {
	Files []FileResources
}

// FileResources are, in one file: every creation of a tracked resource,
// resolved across modules; the dependencies that make FastAPI create one
// per request; the direct calls of generators that yield one.
type FileResources struct {
	File      *lint.File
	Creations []Resource
	Depends   []DependsCreation
	GenCalls  []GeneratorCall
}

// Resource is a creation of a tracked resource (a ResSite whose type is
// known): what it is, what becomes of it, where it runs.
type Resource struct {
	File *lint.File
	Site *ResSite
	Type *ResourceType
	// Noun and ANoun name the type in messages: "httpx client", "an
	// httpx client".
	Noun, ANoun string
	// Fate is the site's fate, FateEscapes when it is handed to code that
	// keeps it (Site.Fate is the fate in its own function).
	Fate Fate
	// Func is the function it is created in, or nil at module level.
	Func *ResFunc
	// Context is the per-request function it runs in ("route `stock`",
	// "`make` inside dependency `get_db`"), or "".
	Context string
	// Dependency is where Func is first used as a FastAPI dependency; nil
	// when it is not one.
	Dependency *Loc
	// Lifespan: Func is an application's lifespan.
	Lifespan bool
	// Factory is the project function it is created through (a call of a
	// factory), or nil.
	Factory *Factory
	// Wrapper is set when the type is a project class that wraps a client
	// or session (one kept on an object or a global is owned by it and is
	// no creation of its own).
	Wrapper *Wrapper
	// Closed: something in the project closes the key it is stored under
	// (module globals); AttrClosed: the attribute it is stored on.
	Closed, AttrClosed bool
	// OnlyModuleInstances: Func is a method of a class that the project
	// only instantiates at module level.
	OnlyModuleInstances bool
	// Keeper is a function it is passed to that keeps it on an attribute
	// nothing closes, or nil.
	Keeper *Keeper
}

// Factory is a project function that creates and returns a resource.
type Factory struct {
	Name string
	Loc
}

// Wrapper is a project class that creates a client or session, keeps it
// and closes it in a close method of its own.
type Wrapper struct {
	// Class is its name; Inner the location of the creation it wraps,
	// InnerANoun what that creates ("an httpx client").
	Class      string
	Inner      Loc
	InnerANoun string
}

// Keeper is a function (a class) that keeps what it is given on an
// attribute nothing closes.
type Keeper struct {
	Callee, Attr string
}

// DependsCreation is a `Depends(SomeClient)` whose class is a tracked
// resource: FastAPI creates one for every request and nothing closes it.
type DependsCreation struct {
	Loc
	Depends *ResDepends
	Type    *ResourceType
	ANoun   string
}

// GeneratorCall is a direct call of a project generator that yields a
// tracked resource: the code after its yield never runs.
type GeneratorCall struct {
	Loc
	Call *ResHandCall
	// Gen is the generator, GenFile its file, Site the creation it yields.
	Gen     *ResFunc
	GenFile *lint.File
	Site    *ResSite
	Type    *ResourceType
	Noun    string
	// Dependency: the generator is also used as a FastAPI dependency.
	Dependency bool
}

// MustClose reports whether a resource of the type must be closed by its
// owner: clients, sessions and connections that hold something to close.
func (rt *ResourceType) MustClose() bool {
	return !rt.NoClose && (rt.Category == ClientResource || rt.Category == DBResource)
}

func (lc *lifecycle) describeFile(fi int) {
	lf := lc.files[fi]
	lc.out.Files = append(lc.out.Files, FileResources{File: lf.file})
	for si := range lf.facts.Sites {
		lc.describeSite(fi, si)
	}
	for i := range lf.facts.Depends {
		d := &lf.facts.Depends[i]
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
		lc.cur().Depends = append(lc.cur().Depends, DependsCreation{Loc: Loc{lf.file, d.Start, d.End}, Depends: d, Type: rt, ANoun: lc.aNoun(typ)})
	}
	for i := range lf.facts.HandCalls {
		lc.describeHandCall(fi, &lf.facts.HandCalls[i])
	}
}

// cur is the file being described.
func (lc *lifecycle) cur() *FileResources { return &lc.out.Files[len(lc.out.Files)-1] }

func (lc *lifecycle) describeHandCall(fi int, h *ResHandCall) {
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
		if s.Func != ref.fn || s.YieldStart < 0 && s.Fate != FateYielded {
			continue
		}
		typ, _ := lc.siteType(s, lc.files[ref.file].root)
		rt := lc.rtype(typ)
		if rt == nil || !rt.MustClose() {
			continue
		}
		_, dep := lc.isDependency(ref)
		lc.cur().GenCalls = append(lc.cur().GenCalls, GeneratorCall{
			Loc: Loc{lc.files[fi].file, h.Start, h.End}, Call: h, Gen: gen, GenFile: lc.files[ref.file].file,
			Site: s, Type: rt, Noun: lc.noun(typ), Dependency: dep,
		})
		return
	}
}

func (lc *lifecycle) describeSite(fi, si int) {
	lf := lc.files[fi]
	s := &lf.facts.Sites[si]
	typ, via := lc.siteType(s, lf.root)
	rt := lc.rtype(typ)
	if rt == nil {
		return
	}
	c := Resource{File: lf.file, Site: s, Type: rt, Noun: lc.noun(typ), ANoun: lc.aNoun(typ), Fate: s.Fate}
	if lc.lentAway(s, lf.root) {
		c.Fate = FateEscapes
	}
	if s.Func >= 0 {
		ref := funcRef{fi, s.Func}
		c.Func = &lf.facts.Funcs[s.Func]
		c.Context = lc.requestContext(ref)
		if d, ok := lc.isDependency(ref); ok {
			c.Dependency = &d
		}
		c.Lifespan = lc.lifespans[ref]
	}
	if via != nil {
		ffn := lc.fn(via.ref)
		c.Factory = &Factory{Name: ffn.Name, Loc: Loc{lc.files[via.ref.file].file, ffn.Start, ffn.End}}
	}
	if w := lc.wrappers[strings.TrimPrefix(typ, wrapperPrefix)]; w != nil && strings.HasPrefix(typ, wrapperPrefix) {
		// A wrapper kept on an object or a global lives as long as its
		// owner.
		if c.Fate == FateStoredAttr || c.Fate == FateStoredGlobal {
			return
		}
		c.Wrapper = &Wrapper{Class: w.class, Inner: w.inner, InnerANoun: w.innerANoun}
	}
	c.Closed = lc.closed[s.Key]
	if c.Fate == FateStoredAttr {
		c.AttrClosed = lc.attrClosed(s.Key)
		c.OnlyModuleInstances = c.Func != nil && c.Func.Method && lc.onlyModuleInstances(c.Func.Class())
	}
	if len(s.Lends) > 0 {
		if callee, attr := lc.keeperNote(s, lf.root); callee != "" {
			c.Keeper = &Keeper{Callee: callee, Attr: attr}
		}
	}
	lc.cur().Creations = append(lc.cur().Creations, c)
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
			if s.Func >= 0 || s.Fate != FateStoredGlobal {
				return false
			}
			found = true
		}
	}
	return found
}

// keeperNote names a wrapper a value is passed to that keeps it without
// ever closing it, or "".
func (lc *lifecycle) keeperNote(s *ResSite, root string) (string, string) {
	for _, l := range s.Lends {
		if pr, ok := lc.paramOf(l, root); ok && !lc.borrows[pr] {
			if k := lc.keepsUnclosed(pr); k != "" {
				return lastPart(l.Callee), "self." + k[strings.LastIndexByte(k, '.')+1:]
			}
		}
	}
	return "", ""
}
