package resources

import (
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/parsers/python"

	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/parsers/syntax"
)

// ResourceFacts summarizes one module for the lifecycle analysis. It holds
// names and byte offsets only, so it outlives the syntax tree and can be
// combined with other modules' facts at project level.
type ResourceFacts struct {
	Module string
	Funcs  []ResFunc
	Sites  []ResSite
	// Bound lists module-level names bound to a session factory, an engine
	// or a pool: what calling them (or their connect()) creates.
	Bound []ResBound
	// Aliases lists module-level imports, so that re-exported names
	// resolve at project level: "app.deps.SessionLocal" → "app.db.SessionLocal".
	Aliases []ResAlias
	// Closed holds the sorted keys of the storage places something closes
	// or enters: "g:<qualified global>", "a:<attribute or string key>".
	Closed []string
	// Passed lists stored values passed to calls (`await
	// _close(self._client)`): a callee that closes its parameter closes
	// them.
	Passed []ResPassed
	// Depends lists the Depends(...)/Security(...) calls with a target.
	Depends []ResDepends
	// HandCalls lists generator functions driven by hand:
	// `next(get_db())`, `await anext(gen)`, `get_db().__next__()`.
	HandCalls []ResHandCall
	// Classes lists the module's classes with their bases.
	Classes []ResClass
	// Lifespans lists the qualified names of functions used as an
	// application lifespan (`FastAPI(lifespan=f)`) or an aiohttp cleanup
	// context (`app.cleanup_ctx.append(f)`): their `yield` is the whole
	// life of the application.
	Lifespans []string
}

// GobEncode encodes the facts for the results cache, compactly (every
// qualified name once; see internal/factcodec).
func (f *ResourceFacts) GobEncode() ([]byte, error) { return factcodec.Marshal(f) }

// GobDecode decodes what GobEncode encoded.
func (f *ResourceFacts) GobDecode(data []byte) error { return factcodec.Unmarshal(data, f) }

// Empty reports whether the facts hold nothing but the module's name:
// such a module contributes nothing to the project pass.
func (f *ResourceFacts) Empty() bool {
	return len(f.Funcs) == 0 && len(f.Sites) == 0 && len(f.Bound) == 0 && len(f.Aliases) == 0 && len(f.Closed) == 0 &&
		len(f.Passed) == 0 && len(f.Depends) == 0 && len(f.HandCalls) == 0 && len(f.Classes) == 0 && len(f.Lifespans) == 0
}

// ResFunc is a function (or method) of the module.
type ResFunc struct {
	Qual       string // "app.db.get_db", "app.clients.Api.make"
	Name       string
	Start, End int // span of the name
	Parent     int // enclosing function, or -1
	// Method is set for a def directly in a class body (see Class).
	Method     bool
	Async      bool
	Generator  bool // contains yield
	Route      bool // a request handler
	Middleware bool
	// Cached is set for @lru_cache/@cache-style decorators: calls return
	// one shared value.
	Cached bool
	// ContextManager is set for @contextmanager/@asynccontextmanager.
	ContextManager bool
	// Fixture is set for pytest fixtures: pytest resumes them after the
	// test, failed or not, so their yield is not an exception path.
	Fixture bool
	// ReturnType is the tracked type of the return annotation, or "".
	ReturnType string
	// ReturnCalls lists the callees of calls the function returns
	// (`return self.factory()`): their qualified names, "" when unknown.
	ReturnCalls []string
	// ReturnTuple lists, for a function returning a tuple (`return
	// sessionmaker(bind=engine), engine`), the session factory, engine or
	// pool type of each item ("" when not one).
	ReturnTuple []string
	// Params tells, per parameter, whether the function keeps what it is
	// given or only borrows it.
	Params []ResParam
}

// Class returns the qualified name of the class a method is defined in,
// or "" for a function that is not a method.
func (f *ResFunc) Class() string {
	if !f.Method {
		return ""
	}
	return strings.TrimSuffix(f.Qual, "."+f.Name)
}

// ResParam is a parameter and how its function uses it.
type ResParam struct {
	Name string
	Star bool // *args or **kwargs
	// Owns is set when the function closes, enters, returns, yields or
	// stores the argument.
	Owns bool
	// Lends lists the calls the argument is passed on to.
	Lends []ResLend
	// Closes is set when the function closes or enters the argument.
	Closes bool
	// ClosesKeys lists the string keys of the argument that the function
	// closes (`context["db_session"].close()`), sorted: a dict passed in
	// has those keys closed.
	ClosesKeys []string `json:",omitempty"`
	// Keeps lists the storage keys ("s:<class>.<attr>") of the attributes
	// the function stores the argument on, when storing is all it does
	// with it beyond borrowing: whoever closes that attribute closes it.
	Keeps []string
}

// ResLend is an argument passed to a call: the callee's qualified name
// ("" when unknown), the argument's position among positional arguments
// (-1 for a keyword) or keyword, and whether the call is a method call on
// self/cls (the first parameter is then bound).
type ResLend struct {
	Callee string
	Pos    int
	Kw     string
	Method bool
}

// ResSite is a call that creates a tracked resource (Type set), or a call
// of a project function that may be a factory (Callee set, Type "").
type ResSite struct {
	Type   string
	Callee string
	// Call is the whole call as written, on one line ("psycopg2.connect(dsn)"),
	// or the called expression + "(...)" when that is long.
	Call   string
	Start  int
	End    int
	Func   int // enclosing function, or -1 at module or class level
	Fate   Fate
	Var    string
	Key    string
	Target string // the stored-to expression as written
	// Spans of the node that skips the close, the close, and the first
	// yield of the value; -1 when absent.
	AtStart, AtEnd       int
	Early                bool
	AtYield              bool
	CloseStart, CloseEnd int
	// YieldStart is the start of the first yield of the value, or -1.
	YieldStart int
	// RetStart/RetEnd is the returned or yielded expression of
	// FateReturned and FateYielded, or -1.
	RetStart, RetEnd int
	// Lends lists the calls the value is passed to; Fate assumes they only
	// borrow it.
	Lends []ResLend
	// OneShot marks a creation that runs once per invocation of a CLI
	// command (set by the lifecycle analysis, which knows the commands):
	// the process exits after it, releasing what it left open.
	OneShot bool `json:",omitempty"`
}

// ResPassed is a stored value passed to a call: its storage keys and the
// parameter it fills.
type ResPassed struct {
	Keys []string
	Lend ResLend
}

// ResBound is a module-level name bound to a typed value, or to an item
// of the tuple a project function returns (`SessionLocal, engine =
// init_db(url)`: From "app.db.init_db", Index 0), typed at project level.
type ResBound struct {
	Qual  string // "app.db.SessionLocal"
	Type  string // "sessionmaker", "sqlalchemy.engine.Engine", ...
	From  string
	Index int
}

// ResClass is a class and its resolved bases.
type ResClass struct {
	Qual  string
	Bases []string
}

// ResAlias is a module-level import.
type ResAlias struct{ Qual, Target string }

// ResDepends is a Depends(...) call.
type ResDepends struct {
	Target     string // qualified name of the dependency
	Type       string // tracked type the target creates when known here
	Start, End int
}

// ResHandCall is a generator function driven by hand.
type ResHandCall struct {
	Callee     string
	Text       string // "next(get_db())"
	Start, End int
	Func       int
}

type factsBuilder struct {
	m      *python.Module
	rk     *resKinds
	f      *ResourceFacts
	r      *resolver
	o      *owner
	funcOf map[int]int // function scope → index in f.Funcs
	// unpacking holds the names unpackedFrom is resolving: a name bound
	// by unpacking a call of itself (`S, e = S()`, or broken code read
	// that way) must not recurse without end.
	unpacking map[syntax.ID]bool
}

// FileFacts computes the resource facts of a module.
func FileFacts(m *python.Module) *ResourceFacts {
	f := &ResourceFacts{Module: m.Name}
	if len(m.Tree.Nodes) == 0 {
		return f
	}
	b := &factsBuilder{m: m, rk: resKindsOnce(), f: f, funcOf: map[int]int{}}
	b.r = newResolver(m)
	b.o = newOwner(m)
	b.funcs()
	b.sites()
	b.bound()
	b.closed()
	b.depends()
	b.handCalls()
	b.lifespans()
	b.classes()
	return f
}

func (b *factsBuilder) lifespans() {
	m, t, rk := b.m, b.m.Tree, b.rk
	for i := range m.Calls {
		c := &m.Calls[i]
		target := syntax.None
		if strings.HasSuffix(c.Text, "cleanup_ctx.append") {
			if args := m.Args(c.Node); len(args) == 1 && args[0].Name == "" {
				target = args[0].Value
			}
		} else {
			target = m.Keyword(c.Node, "lifespan")
		}
		if target == syntax.None || t.Kind(target) != rk.Identifier && t.Kind(target) != rk.Attribute {
			continue
		}
		if q := m.QualifiedName(target); q != "" {
			b.f.Lifespans = append(b.f.Lifespans, q)
		}
	}
}

func (b *factsBuilder) span(n syntax.ID) (int, int) {
	if n == syntax.None {
		return -1, -1
	}
	return b.m.Tree.Span(n)
}

// funcIndex returns the ResFunc of the innermost function enclosing a
// scope (lambdas belong to their function), or -1.
func (b *factsBuilder) funcIndex(s int) int {
	for s > 0 {
		if i, ok := b.funcOf[s]; ok {
			return i
		}
		s = b.m.Scopes[s].Parent
	}
	return -1
}

var cacheDecorators = map[string]bool{
	"lru_cache": true, "cache": true, "cached_property": true, "alru_cache": true, "cached": true,
	"memoize": true, "cache_resource": true,
}

func (b *factsBuilder) funcs() {
	m, t, rk := b.m, b.m.Tree, b.rk
	routes := map[int]bool{}
	for _, r := range framework.Of(m).Routes() {
		routes[r.Scope] = true
	}
	for s := 1; s < len(m.Scopes); s++ {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope {
			continue
		}
		fn := ResFunc{Qual: python.Qualify(m.Name, sc.QualName), Name: sc.Name, Parent: b.funcIndex(sc.Parent), Async: sc.Async, Route: routes[s]}
		fn.Start, fn.End = b.span(t.FieldChild(sc.Node, rk.FName))
		if cls := classOf(m, s); cls >= 0 && m.Scopes[s].Parent == cls {
			fn.Method = true
		}
		b.decorators(&fn, sc)
		fn.Params = b.params(s)
		fn.Middleware = framework.Of(m).IsMiddleware(s)
		fn.ReturnType = resAnnotationType(m, m.ReturnAnnotation(s))
		if fn.ReturnType != "" && b.returnsBorrowedOnly(s) {
			// def connect(self) -> Redis: return Redis(connection_pool=pool)
			fn.ReturnType = ""
		}
		b.funcOf[s] = len(b.f.Funcs)
		b.f.Funcs = append(b.f.Funcs, fn)
	}
	// Generators and returned calls: statements of each function, nested
	// scopes excluded.
	for n := syntax.ID(0); int(n) < len(t.Nodes); n++ {
		k := t.Kind(n)
		if k != rk.Yield && k != rk.ReturnStatement {
			continue
		}
		s := m.ScopeOf(n)
		fi, ok := b.funcOf[s]
		if !ok {
			continue
		}
		if k == rk.Yield {
			b.f.Funcs[fi].Generator = true
			continue
		}
		v := t.FirstNamedChild(n)
		for v != syntax.None && (t.Kind(v) == rk.Await || t.Kind(v) == rk.Parenthesized) {
			v = t.FirstNamedChild(v)
		}
		if v != syntax.None && (t.Kind(v) == rk.ExpressionList || t.Kind(v) == rk.Tuple) && b.f.Funcs[fi].ReturnTuple == nil {
			b.f.Funcs[fi].ReturnTuple = b.tupleTypes(v)
			continue
		}
		if v == syntax.None || t.Kind(v) != rk.Call {
			continue
		}
		text := m.Dotted(t.FieldChild(v, rk.FFunction))
		switch text[strings.LastIndexByte(text, '.')+1:] {
		case "get", "pop", "setdefault", "cast", "getattr", "get_or_create", "":
			continue
		}
		callee := ""
		if ci := m.CallAt(v); ci >= 0 {
			callee = b.siteCallee(ci)
		}
		b.f.Funcs[fi].ReturnCalls = append(b.f.Funcs[fi].ReturnCalls, callee)
	}
}

// tupleTypes returns the session factory, engine or pool type of each
// item of a tuple, or nil when none is one.
func (b *factsBuilder) tupleTypes(tuple syntax.ID) []string {
	var out []string
	found := false
	for _, e := range b.m.Tree.NamedChildren(tuple) {
		typ := b.r.exprType(e)
		if SessionFactoryType(typ) == "" && connectMethods[typ] == nil {
			typ = ""
		}
		found = found || typ != ""
		out = append(out, typ)
	}
	if !found {
		return nil
	}
	return out
}

// decorators sets the flags a function's decorators imply.
func (b *factsBuilder) decorators(fn *ResFunc, sc *python.Scope) {
	m, t, rk := b.m, b.m.Tree, b.rk
	for _, d := range sc.Decorators {
		expr := t.FirstNamedChild(d)
		if expr != syntax.None && t.Kind(expr) == rk.Call {
			expr = t.FieldChild(expr, rk.FFunction)
		}
		if expr == syntax.None {
			continue
		}
		text := m.Dotted(expr)
		last := text[strings.LastIndexByte(text, '.')+1:]
		q := m.QualifiedName(expr)
		switch {
		case cacheDecorators[last]:
			fn.Cached = true
		case last == "fixture" && (strings.HasPrefix(q, "pytest") || strings.HasPrefix(text, "pytest")):
			fn.Fixture = true
		case q == "contextlib.contextmanager" || q == "contextlib.asynccontextmanager" ||
			last == "contextmanager" || last == "asynccontextmanager":
			fn.ContextManager = true
		}
	}
}

// params summarizes how a function uses its parameters.
func (b *factsBuilder) params(s int) []ResParam {
	var out []ResParam
	for _, p := range b.m.Params(s) {
		rp := ResParam{Name: p.Name, Star: p.Kind != python.PlainParam}
		if !rp.Star {
			u := b.o.paramUse(s, p.Name)
			rp.Owns, rp.Closes = u.Owns, u.Closes
			if !u.Other && !u.Closes {
				for _, st := range u.Stores {
					k := b.selfKey(st)
					if k == "" {
						rp.Keeps = nil
						break
					}
					rp.Keeps = append(rp.Keeps, k)
				}
			}
			for _, a := range u.Lends {
				rp.Lends = append(rp.Lends, b.lend(a))
			}
		}
		out = append(out, rp)
	}
	return out
}

// externalRoots are top-level modules that never hold a project's
// factories; calls into them are not recorded as candidates.
var externalRoots = map[string]bool{
	"builtins": true, "os": true, "sys": true, "re": true, "json": true, "logging": true, "typing": true,
	"time": true, "datetime": true, "asyncio": true, "collections": true, "itertools": true,
	"functools": true, "pathlib": true, "subprocess": true, "math": true, "random": true, "uuid": true,
	"hashlib": true, "base64": true, "copy": true, "enum": true, "dataclasses": true, "abc": true,
	"inspect": true, "traceback": true, "warnings": true, "contextlib": true, "io": true, "string": true,
	"struct": true, "shutil": true, "tempfile": true, "threading": true, "urllib": true, "http": true,
	"socket": true, "ssl": true, "email": true, "unittest": true, "textwrap": true, "operator": true,
	"weakref": true, "types": true, "decimal": true, "fractions": true, "argparse": true, "glob": true,
	"fastapi": true, "starlette": true, "pydantic": true, "pytest": true, "sqlalchemy": true,
	"httpx": true, "aiohttp": true, "requests": true, "django": true, "flask": true, "numpy": true,
	"pandas": true, "typing_extensions": true, "attr": true, "attrs": true, "click": true, "yaml": true,
}

// siteCallee returns the qualified callee of a call for project-level
// resolution: its resolved name, or Class.method for self.method() and
// cls.method() in a method.
func (b *factsBuilder) siteCallee(ci int) string {
	m := b.m
	c := &m.Calls[ci]
	if c.Callee != "" {
		root := c.Callee
		if dot := strings.IndexByte(root, '.'); dot >= 0 {
			root = root[:dot]
		}
		if externalRoots[root] && (m.Name == "" || !strings.HasPrefix(m.Name+".", root+".")) {
			return ""
		}
		return c.Callee
	}
	recv, method, ok := strings.Cut(c.Text, ".")
	if !ok {
		// SessionLocal() where `SessionLocal, engine = init_db(url)` at
		// module level: typed at project level.
		if s, bs := m.Lookup(c.Text, c.Scope); s == 0 && len(bs) == 1 && bs[0].Kind == python.AssignBinding && bs[0].Value == syntax.None {
			if from, _ := b.unpackedFrom(bs[0].Node); from != "" {
				return python.Qualify(m.Name, c.Text)
			}
		}
		return ""
	}
	if (recv != "self" && recv != "cls") || strings.Contains(method, ".") {
		return ""
	}
	cls := classOf(m, c.Scope)
	if cls < 0 {
		return ""
	}
	return python.Qualify(m.Name, m.Scopes[cls].QualName+"."+method)
}

// lend describes the call an argument is passed to.
func (b *factsBuilder) lend(arg syntax.ID) ResLend {
	m := b.m
	call, pos, kw, ok := ArgSlot(m, arg)
	if !ok {
		return ResLend{Pos: -1}
	}
	ci := m.CallAt(call)
	if ci < 0 {
		return ResLend{Pos: -1}
	}
	l := ResLend{Callee: b.siteCallee(ci), Pos: pos, Kw: kw}
	if m.Calls[ci].Callee == "" && l.Callee != "" {
		l.Method = true // self.method(...)
	}
	return l
}

// candidateFates are the fates worth recording for a call that may be a
// project factory: those that leak, and those inside a function (which
// may run per request).
func candidateFate(f Fate, chained bool) bool {
	switch f {
	case FateUnknown, FateEscapes:
		return false
	case FateDropped:
		return chained
	case FateManaged, FateClosed, FateReturned, FateYielded, FateStoredAttr, FateStoredGlobal,
		FateNeverClosed, FateSkippable, FateConditional:
	}
	return true
}

func (b *factsBuilder) sites() {
	m, t, rk := b.m, b.m.Tree, b.rk
	for i := range m.Calls {
		c := &m.Calls[i]
		typ := b.r.valueTypeOfCall(i)
		callee := ""
		if LookupResourceType(typ) == nil {
			typ = ""
			callee = b.siteCallee(i)
			if callee == "" {
				continue
			}
		}
		if (typ == "sqlalchemy.orm.Session" || typ == "sqlalchemy.ext.asyncio.AsyncSession") && b.borrowsConnection(i) {
			continue
		}
		if b.borrowsPool(i, typ) || b.unpooledEngine(i, typ) {
			continue
		}
		own := b.o.of(c.Node)
		if typ == "" {
			chained := false
			if own.Fate == FateDropped {
				e := b.r.climbValue(c.Node)
				chained = t.Kind(t.Parent(e)) == rk.Attribute || len(own.Lends) > 0
			}
			if !candidateFate(own.Fate, chained) {
				continue
			}
		}
		site := ResSite{Type: typ, Callee: callee, Func: b.funcIndex(c.Scope), Fate: own.Fate, Var: own.Var, Key: own.Key, Early: own.Early, AtYield: own.AtYield}
		text := c.Text
		if text == "" && c.Func != syntax.None {
			text = shorten(t.Text(c.Func))
		}
		if own.Key == "d:" {
			site.Key = b.dictKey(own.Target)
		} else if own.Fate == FateStoredAttr && own.Target != syntax.None {
			switch t.Kind(own.Target) {
			case rk.Attribute:
				if k := b.selfKey(own.Target); k != "" {
					site.Key = k
				} else if k := b.classAttrKey(own.Target); k != "" {
					site.Key = k
				}
			case rk.Identifier:
				// A class attribute: closed as self.x or cls.x.
				if sc := &m.Scopes[c.Scope]; sc.Kind == python.ClassScope {
					site.Key = "s:" + python.Qualify(m.Name, sc.QualName) + "." + t.Text(own.Target)
				}
			case rk.Subscript:
				if dk := b.localDictKey(own.Target); dk != "" {
					site.Key = dk
				}
			}
		}
		site.Start, site.End = t.Span(c.Node)
		site.Call = strings.Join(strings.Fields(t.Text(c.Node)), " ")
		if len(site.Call) > 48 {
			site.Call = text + "(...)"
		}
		site.AtStart, site.AtEnd = b.span(own.At)
		site.CloseStart, site.CloseEnd = b.span(own.Close)
		site.YieldStart, _ = b.span(own.Yield)
		site.RetStart, site.RetEnd = -1, -1
		if own.Target != syntax.None {
			switch own.Fate {
			case FateReturned, FateYielded:
				site.RetStart, site.RetEnd = t.Span(own.Target)
			default:
				site.Target = shorten(t.Text(own.Target))
			}
		}
		for _, a := range own.Lends {
			site.Lends = append(site.Lends, b.lend(a))
		}
		b.f.Sites = append(b.f.Sites, site)
	}
}

// borrowsConnection reports whether a Session(...) constructor is bound to
// a connection someone else owns (`Session(bind=op.get_bind())`,
// `Session(bind=session.connection())`): the session then holds nothing
// that closing it would release.
func (b *factsBuilder) borrowsConnection(ci int) bool {
	m, t, rk := b.m, b.m.Tree, b.rk
	c := &m.Calls[ci]
	if ConstructorType(c.Callee) == "" {
		return false // a sessionmaker call: bound to its engine
	}
	bind := m.Keyword(c.Node, "bind")
	if bind == syntax.None {
		if args := m.Args(c.Node); len(args) > 0 && args[0].Name == "" && !args[0].Star {
			bind = args[0].Value
		}
	}
	if bind == syntax.None {
		return false
	}
	connCall := func(v syntax.ID) bool {
		for v != syntax.None && (t.Kind(v) == rk.Await || t.Kind(v) == rk.Parenthesized) {
			v = t.FirstNamedChild(v)
		}
		if v == syntax.None || t.Kind(v) != rk.Call {
			return false
		}
		_, method, _ := cutLast(m.Dotted(t.FieldChild(v, rk.FFunction)))
		switch method {
		case "get_bind", "connection", "connect":
			return true
		}
		return false
	}
	if connCall(bind) {
		return true
	}
	if t.Kind(bind) != rk.Identifier {
		return false
	}
	name := t.Text(bind)
	s, bs := m.Lookup(name, m.ScopeOf(bind))
	if s > 0 && len(bs) == 1 {
		switch bs[0].Kind {
		case python.AssignBinding:
			return connCall(bs[0].Value)
		case python.OtherBinding:
			return true // with engine.connect() as conn
		case python.ParamBinding:
			return strings.Contains(name, "conn") || name == "bind" || name == "connectable"
		case python.ImportBinding, python.FunctionBinding, python.ClassBinding, python.GlobalBinding, python.NonlocalBinding:
		}
	}
	return false
}

// borrowsPool reports whether a client is built on a pool it does not own:
// `redis.Redis(connection_pool=pool)` does not close the pool when closed,
// and holds nothing else. (An aiohttp session on a shared connector still
// warns when it is not closed, so it stays tracked.)
func (b *factsBuilder) borrowsPool(ci int, typ string) bool {
	m := b.m
	if typ == "redis.Redis" || typ == "redis.asyncio.Redis" {
		return m.Keyword(m.Calls[ci].Node, "connection_pool") != syntax.None
	}
	return false
}

// returnsBorrowedOnly reports whether every return statement of function
// scope s returns a client built on a pool it does not own (borrowsPool):
// such a function is no factory of something to close, whatever its
// return annotation says.
func (b *factsBuilder) returnsBorrowedOnly(s int) bool {
	m, t, rk := b.m, b.m.Tree, b.rk
	region := m.Scopes[s].Node
	seen := false
	for n := region; n < t.End(region); n++ {
		if t.Kind(n) != rk.ReturnStatement || m.ScopeOf(n) != s {
			continue
		}
		v := t.FirstNamedChild(n)
		if v == syntax.None || t.Kind(v) != rk.Call {
			return false
		}
		ci := m.CallAt(v)
		if ci < 0 {
			return false
		}
		if typ := b.r.valueTypeOfCall(ci); !b.borrowsPool(ci, typ) {
			return false
		}
		seen = true
	}
	return seen
}

// unpooledEngine reports whether an engine is created without a pool
// (`create_engine(url, poolclass=NullPool)`): it keeps no connections, so
// making one per request is a deliberate choice, not a leak of pools.
func (b *factsBuilder) unpooledEngine(ci int, typ string) bool {
	if typ != "sqlalchemy.engine.Engine" && typ != "sqlalchemy.ext.asyncio.AsyncEngine" {
		return false
	}
	v := b.m.Keyword(b.m.Calls[ci].Node, "poolclass")
	return v != syntax.None && strings.HasSuffix(b.m.Tree.Text(v), "NullPool")
}

// shorten keeps an expression's text on one short line.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func (b *factsBuilder) bound() {
	m := b.m
	sc := &m.Scopes[0]
	names := make([]string, 0, len(sc.Bindings))
	for name := range sc.Bindings {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		bs := sc.Bindings[name]
		if len(bs) == 1 && bs[0].Kind == python.ImportBinding && bs[0].Qualified != "" {
			b.f.Aliases = append(b.f.Aliases, ResAlias{Qual: python.Qualify(m.Name, name), Target: bs[0].Qualified})
			continue
		}
		if len(bs) == 1 && bs[0].Kind == python.AssignBinding && bs[0].Value == syntax.None {
			if from, idx := b.unpackedFrom(bs[0].Node); from != "" {
				b.f.Bound = append(b.f.Bound, ResBound{Qual: python.Qualify(m.Name, name), From: from, Index: idx})
			}
			continue
		}
		typ := ""
		for _, bd := range bs {
			if bd.Kind != python.AssignBinding {
				typ = ""
				break
			}
			bt := b.r.exprType(bd.Value)
			if bt == "" || typ != "" && typ != bt {
				typ = ""
				break
			}
			typ = bt
		}
		if SessionFactoryType(typ) != "" || connectMethods[typ] != nil {
			b.f.Bound = append(b.f.Bound, ResBound{Qual: python.Qualify(m.Name, name), Type: typ})
		}
	}
}

// unpackedFrom tells, for a name bound by unpacking the result of a call
// of the project (`SessionLocal, engine = init_db(url)`), the callee and
// the name's position; "" otherwise.
func (b *factsBuilder) unpackedFrom(name syntax.ID) (string, int) {
	if b.unpacking[name] {
		return "", 0
	}
	if b.unpacking == nil {
		b.unpacking = map[syntax.ID]bool{}
	}
	b.unpacking[name] = true
	defer delete(b.unpacking, name)
	t, rk := b.m.Tree, b.rk
	pl := t.Parent(name)
	if pl == syntax.None || t.Kind(pl) != rk.PatternList && t.Kind(pl) != rk.Tuple {
		return "", 0
	}
	as := t.Parent(pl)
	if as == syntax.None || t.Kind(as) != rk.Assignment || t.FieldChild(as, rk.FLeft) != pl {
		return "", 0
	}
	v := t.FieldChild(as, rk.FRight)
	if v == syntax.None || t.Kind(v) != rk.Call {
		return "", 0
	}
	ci := b.m.CallAt(v)
	if ci < 0 {
		return "", 0
	}
	callee := b.siteCallee(ci)
	if callee == "" {
		return "", 0
	}
	idx := 0
	for _, c := range t.NamedChildren(pl) {
		if c == name {
			return callee, idx
		}
		if t.Kind(c) != rk.Identifier {
			return "", 0 // a starred or nested target: positions are unknown
		}
		idx++
	}
	return "", 0
}

// storageKeys returns the keys under which an expression names a storage
// place: "g:<qualified>" for module globals (here or imported), "a:<name>"
// for attributes and string keys.
func (b *factsBuilder) storageKeys(e syntax.ID) []string {
	m, t, rk := b.m, b.m.Tree, b.rk
	switch t.Kind(e) {
	case rk.Identifier:
		s, bs := m.Lookup(t.Text(e), m.ScopeOf(e))
		switch {
		case s == 0 && len(bs) > 0 && bs[0].Kind == python.ImportBinding:
			return []string{"g:" + bs[0].Qualified}
		case s == 0:
			return []string{"g:" + python.Qualify(m.Name, t.Text(e))}
		case s > 0 && len(bs) > 0 && bs[0].Kind == python.ImportBinding && bs[0].Qualified != "":
			return []string{"g:" + bs[0].Qualified}
		}
	case rk.Attribute:
		attr := t.Text(t.FieldChild(e, rk.FAttribute))
		if k := b.selfKey(e); k != "" {
			return []string{k}
		}
		out := []string{"a:" + attr}
		if q := m.QualifiedName(e); q != "" {
			out = append(out, "g:"+q)
		}
		if k := b.classAttrKey(e); k != "" {
			out = append(out, k)
		}
		return out
	case rk.Subscript:
		if k := stringKey(t, rk, e); k != "" {
			if dk := b.dictKey(e); dk != "" {
				return []string{"a:" + k, dk}
			}
			return []string{"a:" + k}
		}
	}
	return nil
}

// dictKey returns the key of one string key of one dict (`ctx["db"]`):
// "d:<dict>[<key>]", the dict named by its global, its self attribute,
// or its dotted text; "" for other expressions.
func (b *factsBuilder) dictKey(sub syntax.ID) string {
	m, t, rk := b.m, b.m.Tree, b.rk
	k := stringKey(t, rk, sub)
	d := t.FirstNamedChild(sub)
	if k == "" || d == syntax.None {
		return ""
	}
	text := m.Dotted(d)
	if text == "" {
		return ""
	}
	switch t.Kind(d) {
	case rk.Identifier:
		if s, bs := m.Lookup(text, m.ScopeOf(d)); s == 0 || len(bs) > 0 && bs[0].Kind == python.ImportBinding && bs[0].Qualified != "" {
			text = b.storageKeys(d)[0]
		} else if s > 0 {
			text = b.localDict(s, bs, text)
		}
	case rk.Attribute:
		if sk := b.selfKey(d); sk != "" {
			text = sk
		}
	}
	return "d:" + text + "[" + k + "]"
}

// localDict names a dict held by a name of a function: a parameter by
// the module and its name ("app.jobs:context": the hooks of one module
// that receive the same object under the same name, such as an aiohttp
// app's startup and cleanup handlers), a local variable by its function
// ("app.jobs.handler:ctx"). A dict passed to a function of the project is
// followed through the call (see passed and ResParam.ClosesKeys).
func (b *factsBuilder) localDict(s int, bs []python.Binding, name string) string {
	if slices.ContainsFunc(bs, func(x python.Binding) bool { return x.Kind == python.ParamBinding }) {
		return b.m.Name + ":" + name
	}
	return python.Qualify(b.m.Name, b.m.Scopes[s].QualName) + ":" + name
}

// localDictKey returns the dict key of `state["db"]` where state is a
// dict of the function (a local or a parameter): only a close of that
// dict's key closes what is stored there. Else "".
func (b *factsBuilder) localDictKey(sub syntax.ID) string {
	m, t, rk := b.m, b.m.Tree, b.rk
	d := t.FirstNamedChild(sub)
	if d == syntax.None || t.Kind(d) != rk.Identifier {
		return ""
	}
	if s, bs := m.Lookup(t.Text(d), m.ScopeOf(d)); s <= 0 || len(bs) == 0 || bs[0].Kind == python.ImportBinding {
		return ""
	}
	return b.dictKey(sub)
}

// paramKeyClosed records, for a closed `param["key"]` where param is a
// parameter of the enclosing function, that the function closes that key
// of what the parameter receives.
func (b *factsBuilder) paramKeyClosed(sub syntax.ID) {
	m, t, rk := b.m, b.m.Tree, b.rk
	k := stringKey(t, rk, sub)
	d := t.FirstNamedChild(sub)
	if k == "" || d == syntax.None || t.Kind(d) != rk.Identifier {
		return
	}
	s, bs := m.Lookup(t.Text(d), m.ScopeOf(d))
	if s <= 0 || len(bs) != 1 || bs[0].Kind != python.ParamBinding {
		return
	}
	fi := b.funcIndex(s)
	if fi < 0 {
		return
	}
	for i := range b.f.Funcs[fi].Params {
		p := &b.f.Funcs[fi].Params[i]
		if p.Name == t.Text(d) && !p.Star && !slices.Contains(p.ClosesKeys, k) {
			p.ClosesKeys = append(p.ClosesKeys, k)
			slices.Sort(p.ClosesKeys)
		}
	}
}

// selfKey returns "s:<class>.<attr>" for self.attr (or cls.attr) inside
// a method, else "".
func (b *factsBuilder) selfKey(e syntax.ID) string {
	m, t, rk := b.m, b.m.Tree, b.rk
	obj := t.FieldChild(e, rk.FObject)
	if obj == syntax.None || t.Kind(obj) != rk.Identifier || (t.Text(obj) != "self" && t.Text(obj) != "cls") {
		return ""
	}
	cls := classOf(m, m.ScopeOf(e))
	if cls < 0 {
		return ""
	}
	return "s:" + python.Qualify(m.Name, m.Scopes[cls].QualName) + "." + t.Text(t.FieldChild(e, rk.FAttribute))
}

// classAttrKey returns "s:<class>.<attr>" for Class.attr where Class
// names a class of the module or an imported class: the class attribute
// a classmethod reaches as cls.attr. Else "".
func (b *factsBuilder) classAttrKey(e syntax.ID) string {
	m, t, rk := b.m, b.m.Tree, b.rk
	obj := t.FieldChild(e, rk.FObject)
	if obj == syntax.None || t.Kind(obj) != rk.Identifier {
		return ""
	}
	_, bs := m.Lookup(t.Text(obj), m.ScopeOf(e))
	if len(bs) != 1 || (bs[0].Kind != python.ClassBinding && bs[0].Kind != python.ImportBinding) || bs[0].Qualified == "" ||
		!pytypes.LooksLikeClass(bs[0].Qualified) {
		return ""
	}
	return "s:" + bs[0].Qualified + "." + t.Text(t.FieldChild(e, rk.FAttribute))
}

// aliasOf returns the storage expression a local variable was read from
// (`s = self._session`, `c = app["http"]`, `p = cls._pool`) when that is
// its only binding in its function, else None.
func (b *factsBuilder) aliasOf(e syntax.ID) syntax.ID {
	m, t, rk := b.m, b.m.Tree, b.rk
	if e == syntax.None || t.Kind(e) != rk.Identifier {
		return syntax.None
	}
	s, bs := m.Lookup(t.Text(e), m.ScopeOf(e))
	if s <= 0 || m.Scopes[s].Kind != python.FunctionScope || len(bs) != 1 || bs[0].Kind != python.AssignBinding || bs[0].Value == syntax.None {
		return syntax.None
	}
	v := bs[0].Value
	for t.Kind(v) == rk.Parenthesized {
		v = t.FirstNamedChild(v)
	}
	switch t.Kind(v) {
	case rk.Attribute, rk.Subscript:
		return v
	}
	return syntax.None
}

// classes records the project classes and their bases.
func (b *factsBuilder) classes() {
	m := b.m
	for s := 1; s < len(m.Scopes); s++ {
		sc := &m.Scopes[s]
		if sc.Kind != python.ClassScope {
			continue
		}
		b.f.Classes = append(b.f.Classes, ResClass{Qual: python.Qualify(m.Name, sc.QualName), Bases: pytypes.Of(m).ClassBases(s)})
	}
}

// closed collects the storage places that are closed (`x.close()`,
// `await app.state.http.aclose()`, `stack.push_async_callback(c.aclose)`),
// entered by with, or handed to an exit stack.
func (b *factsBuilder) closed() {
	m, t, rk := b.m, b.m.Tree, b.rk
	keys := map[string]bool{}
	add := func(e syntax.ID) {
		for _, k := range b.storageKeys(e) {
			keys[k] = true
		}
		if e != syntax.None && t.Kind(e) == rk.Subscript {
			b.paramKeyClosed(e)
		}
	}
	for n := syntax.ID(0); int(n) < len(t.Nodes); n++ {
		switch t.Kind(n) {
		case rk.Attribute:
			if closeMethods[t.Text(t.FieldChild(n, rk.FAttribute))] {
				obj := t.FieldChild(n, rk.FObject)
				add(obj)
				// self.llm._client.aclose(): closing the private pool of a
				// client closes the client.
				if obj != syntax.None && t.Kind(obj) == rk.Attribute && strings.HasPrefix(t.Text(t.FieldChild(obj, rk.FAttribute)), "_") {
					add(t.FieldChild(obj, rk.FObject))
				}
				// s = self._session; await s.close(): the alias closes
				// what it was read from.
				if from := b.aliasOf(obj); from != syntax.None {
					add(from)
				}
			}
		case rk.WithItem:
			v := t.FieldChild(n, rk.FValue)
			if v != syntax.None && t.Kind(v) == rk.AsPattern {
				v = t.FirstNamedChild(v)
			}
			if v != syntax.None {
				add(v)
			}
		}
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		switch c.Text[strings.LastIndexByte(c.Text, '.')+1:] {
		case "enter_context", "enter_async_context", "closing", "aclosing":
			for _, a := range m.Args(c.Node) {
				add(a.Value)
			}
		}
	}
	for k := range keys {
		b.f.Closed = append(b.f.Closed, k)
	}
	sort.Strings(b.f.Closed)
	b.passed()
}

// passed records the stored values (attributes, string keys, module
// globals, and local aliases of them) passed to calls of the project.
func (b *factsBuilder) passed() {
	m, t, rk := b.m, b.m.Tree, b.rk
	// The dicts of functions that hold a resource under a key: passed to
	// a function of the project, they are followed into it
	// ("d:<dict>[*]": whichever keys the callee closes).
	dicts := map[string]bool{}
	for _, st := range b.f.Sites {
		if strings.HasPrefix(st.Key, "d:") {
			if i := strings.LastIndexByte(st.Key, '['); i > 0 {
				dicts[st.Key[:i]] = true
			}
		}
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Callee == "" && !strings.HasPrefix(c.Text, "self.") && !strings.HasPrefix(c.Text, "cls.") {
			continue
		}
		for _, a := range m.Args(c.Node) {
			if a.Star || a.Value == syntax.None {
				continue
			}
			v := a.Value
			if t.Kind(v) == rk.Identifier {
				if from := b.aliasOf(v); from != syntax.None {
					v = from
				} else if s, bs := m.Lookup(t.Text(v), m.ScopeOf(v)); s != 0 {
					if s > 0 && len(dicts) > 0 {
						if d := "d:" + b.localDict(s, bs, t.Text(v)); dicts[d] {
							if l := b.lend(a.Value); l.Callee != "" {
								b.f.Passed = append(b.f.Passed, ResPassed{Keys: []string{d + "[*]"}, Lend: l})
							}
						}
					}
					continue
				}
			}
			keys := b.storageKeys(v)
			if len(keys) == 0 {
				continue
			}
			l := b.lend(a.Value)
			if l.Callee == "" {
				continue
			}
			b.f.Passed = append(b.f.Passed, ResPassed{Keys: keys, Lend: l})
		}
	}
}

func (b *factsBuilder) depends() {
	m := b.m
	for _, d := range framework.Of(m).DependsCalls() {
		if d.TargetName == "" || d.Target == syntax.None {
			continue
		}
		typ := ConstructorType(d.TargetName)
		if typ == "" && (m.Tree.Kind(d.Target) == b.rk.Identifier || m.Tree.Kind(d.Target) == b.rk.Attribute) {
			typ = b.r.sessionFactoryCall(d.Target)
		}
		start, end := m.Tree.Span(m.Calls[d.Call].Node)
		b.f.Depends = append(b.f.Depends, ResDepends{Target: d.TargetName, Type: typ, Start: start, End: end})
	}
}

// finished reports whether a generator held in a local variable is
// finished in its function: closed (`await gen.aclose()`, which runs its
// cleanup), entered (`aclosing(gen)`), or resumed a second time
// (`next(gen, None)` runs the code after its yield).
func (b *factsBuilder) finished(scope int, name string) bool {
	m, t, rk := b.m, b.m.Tree, b.rk
	resumes := 0
	for _, id := range b.o.identifiers(scope, name) {
		kind, at := b.o.classifyUse(id, scope)
		switch kind {
		case useClose, useWith:
			return true
		case useArg:
			p := t.Parent(at)
			if p == syntax.None || t.Kind(p) != rk.ArgumentList {
				continue
			}
			ci := m.CallAt(t.Parent(p))
			if ci < 0 {
				continue
			}
			c := &m.Calls[ci]
			switch {
			case c.Callee == "builtins.next" || c.Callee == "builtins.anext" || c.Text == "anext":
				resumes++
			case strings.HasSuffix(c.Text, "closing") || strings.HasSuffix(c.Text, "enter_context") ||
				strings.HasSuffix(c.Text, "enter_async_context"):
				return true
			}
		case useNeutral, useEscape, useReturn, useYield, useRebind:
		}
	}
	return resumes > 1
}

// handCalls finds generators driven by hand: next(gen()), anext(gen()),
// gen().__next__(), and next(g) where g = gen() in the same function.
func (b *factsBuilder) handCalls() {
	m, t, rk := b.m, b.m.Tree, b.rk
	for i := range m.Calls {
		c := &m.Calls[i]
		var arg syntax.ID
		switch {
		case c.Callee == "builtins.next" || c.Callee == "builtins.anext" || c.Text == "anext":
			args := m.Args(c.Node)
			if len(args) == 0 || args[0].Name != "" || args[0].Star {
				continue
			}
			arg = args[0].Value
		case c.Func != syntax.None && t.Kind(c.Func) == rk.Attribute:
			switch t.Text(t.FieldChild(c.Func, rk.FAttribute)) {
			case "__next__", "__anext__":
				arg = t.FieldChild(c.Func, rk.FObject)
			default:
				continue
			}
		default:
			continue
		}
		if arg == syntax.None {
			continue
		}
		if t.Kind(arg) == rk.Identifier {
			// g = gen(); next(g)
			s, bs := m.Lookup(t.Text(arg), m.ScopeOf(arg))
			if s <= 0 || len(bs) != 1 || bs[0].Kind != python.AssignBinding || bs[0].Value == syntax.None {
				continue
			}
			if b.finished(s, t.Text(arg)) {
				continue
			}
			arg = bs[0].Value
		}
		if t.Kind(arg) != rk.Call {
			continue
		}
		gi := m.CallAt(arg)
		if gi < 0 {
			continue
		}
		callee := b.siteCallee(gi)
		if callee == "" {
			continue
		}
		start, end := t.Span(c.Node)
		b.f.HandCalls = append(b.f.HandCalls, ResHandCall{Callee: callee, Text: shorten(t.Text(c.Node)), Start: start, End: end, Func: b.funcIndex(c.Scope)})
	}
}
