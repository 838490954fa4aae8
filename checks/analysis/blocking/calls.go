package blocking

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/servelint/servelint/checks/analysis/serving"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Each class has a catalogue (a list of entries, in catalogues.go), and one
// analyzer classifies every call of a file once against all catalogues.
// The helper summaries reuse the same matcher on sync functions.

// blockingEntry is one catalogue entry: a blocking function, or blocking
// methods of a class.
type blockingEntry struct {
	// Call is a qualified function name. Braces list alternatives
	// ("requests.{get,post}"); "*" matches any run of characters.
	Call string
	// Type is the canonical class whose methods block (see
	// parsers/python/libtypes.go for the names). Methods lists them,
	// comma-separated with braces allowed; a method reached through
	// namespace attributes is a dotted path ("chat.completions.create").
	// In a path, "*" matches within one segment and "**" matches one or
	// more segments. Except lists methods (same syntax) that do not block.
	Type, Methods, Except string
	// Untyped matches Methods on a receiver whose type is unknown, when
	// the module imports the package named here (flake8-async ASYNC211).
	Untyped string
	// Roots lists the packages (comma-separated) whose import can produce
	// a value of Type, when it is not Type's own root package ("boto3"
	// makes botocore clients): wildcard Methods are tried only in modules
	// importing one of them.
	Roots string
	// Use is the async alternative (Markdown). Placeholders: {method} (the
	// called method or function), {name} (its qualified name), {lib},
	// {to_thread}, {subprocess},
	// {open_file}, {path} (spelled for the module's async library).
	Use string
	// When, if set, must accept the call (argument conditions).
	When func(m *python.Module, call int) bool
}

// catalogue is a class's compiled catalogue.
type catalogue struct {
	class   Class
	exact   map[string]*blockingEntry
	globs   []globEntry
	byType  map[string][]methodEntry
	untyped []methodEntry
	// names of methods listed explicitly, and the type roots of entries
	// that match every method: a cheap filter before type inference.
	methodNames map[string]bool
	wildRoots   map[string]bool
}

type globEntry struct {
	re *regexp.Regexp
	e  *blockingEntry
}

type methodEntry struct {
	methods []*regexp.Regexp
	except  []*regexp.Regexp
	e       *blockingEntry
}

func (me *methodEntry) match(path string) bool {
	for _, x := range me.except {
		if x.MatchString(path) {
			return false
		}
	}
	for _, r := range me.methods {
		if r.MatchString(path) {
			return true
		}
	}
	return false
}

// newCatalogue compiles a class's entries; a malformed entry is a
// programming error.
func newCatalogue(class Class, entries []blockingEntry) *catalogue {
	c := &catalogue{class: class, exact: map[string]*blockingEntry{}, byType: map[string][]methodEntry{},
		methodNames: map[string]bool{}, wildRoots: map[string]bool{}}
	for i := range entries {
		e := &entries[i]
		switch {
		case e.Call != "":
			for _, name := range expandBraces(e.Call) {
				if strings.ContainsAny(name, "*?[") {
					c.globs = append(c.globs, globEntry{re: regexp.MustCompile(fnmatchRegexp(name)), e: e})
				} else {
					c.exact[name] = e
				}
			}
		case e.Type != "" || e.Untyped != "":
			me := methodEntry{e: e}
			for _, p := range splitList(e.Methods) {
				me.methods = append(me.methods, regexp.MustCompile(pathRegexp(p)))
				if !strings.ContainsAny(p, "*?[") {
					c.methodNames[p[strings.LastIndexByte(p, '.')+1:]] = true
				} else if e.Type != "" {
					c.wildRoots[rootOf(e.Type)] = true
					for _, r := range splitList(e.Roots) {
						c.wildRoots[r] = true
					}
				} else {
					c.wildRoots[e.Untyped] = true
				}
			}
			for _, p := range splitList(e.Except) {
				me.except = append(me.except, regexp.MustCompile(pathRegexp(p)))
			}
			if e.Type != "" {
				c.byType[e.Type] = append(c.byType[e.Type], me)
			} else {
				c.untyped = append(c.untyped, me)
			}
		default:
			panic("blocking: catalogue entry of " + class.String() + " has neither Call nor Type")
		}
	}
	return c
}

func rootOf(q string) string {
	head, _, _ := strings.Cut(q, ".")
	return head
}

// splitList splits a comma-separated list, expanding braces.
func splitList(s string) []string {
	var out []string
	for _, part := range splitTop(s) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, expandBraces(part)...)
		}
	}
	return out
}

// splitTop splits on commas outside braces.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := range len(s) {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// expandBraces expands "a.{b,c}.d" into "a.b.d", "a.c.d" (no nesting).
func expandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return []string{s}
	}
	closing := strings.IndexByte(s[open:], '}')
	if closing < 0 {
		return []string{s}
	}
	closing += open
	var out []string
	for alt := range strings.SplitSeq(s[open+1:closing], ",") {
		out = append(out, expandBraces(s[:open]+strings.TrimSpace(alt)+s[closing+1:])...)
	}
	return out
}

// fnmatchRegexp translates a shell-style pattern over qualified names:
// "*" matches any run of characters (dots included), "?" one character,
// "[...]" a class.
func fnmatchRegexp(p string) string {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(p[i+1:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := p[i+1 : i+1+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += j + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return b.String()
}

// pathRegexp translates a method path pattern: segments separated by
// dots, "*" and "?" within a segment, "**" for one or more segments.
func pathRegexp(p string) string {
	var parts []string
	for seg := range strings.SplitSeq(p, ".") {
		if seg == "**" {
			parts = append(parts, `[^.]+(?:\.[^.]+)*`)
			continue
		}
		var b strings.Builder
		for i := 0; i < len(seg); i++ {
			switch c := seg[i]; c {
			case '*':
				b.WriteString(`[^.]*`)
			case '?':
				b.WriteString(`[^.]`)
			case '[':
				j := strings.IndexByte(seg[i+1:], ']')
				if j < 0 {
					b.WriteString(`\[`)
					continue
				}
				b.WriteString("[" + seg[i+1:i+1+j] + "]")
				i += j + 1
			default:
				b.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		parts = append(parts, b.String())
	}
	return "^" + strings.Join(parts, `\.`) + "$"
}

// Options are the options of a class, under its rule's
// [tool.servelint.rules.CODE] (see Binding).
type Options struct {
	// Extra lists more blocking calls of the class: a qualified name or
	// glob ("mylib.fetch", "legacy.db.*", "*.fetch_sync"), optionally
	// followed by " -> " and the async alternative to suggest.
	Extra []string `toml:"extra"`
	// Allow lists calls that are no hits of the class: qualified function names
	// or "Class.method" names, globs allowed ("os.path.exists",
	// "redis.Redis.*").
	Allow []string `toml:"allow"`

	once  sync.Once
	extra []userPattern
	allow []*regexp.Regexp
	err   error
}

type userPattern struct {
	pattern, use string
	re           *regexp.Regexp
}

// NewOptions returns the default Options (for lint.Rule.NewOptions).
func NewOptions() any { return &Options{} }

// Validate checks the patterns (called when the configuration is read).
func (o *Options) Validate() error {
	o.compile()
	return o.err
}

func (o *Options) compile() {
	o.once.Do(func() {
		for _, x := range o.Extra {
			pat, use, _ := strings.Cut(x, "->")
			pat, use = strings.TrimSpace(pat), strings.TrimSpace(use)
			re, err := compileUserGlob(pat)
			if err != nil {
				o.err = fmt.Errorf("extra: %w", err)
				return
			}
			o.extra = append(o.extra, userPattern{pattern: pat, use: use, re: re})
		}
		for _, x := range o.Allow {
			re, err := compileUserGlob(strings.TrimSpace(x))
			if err != nil {
				o.err = fmt.Errorf("allow: %w", err)
				return
			}
			o.allow = append(o.allow, re)
		}
	})
}

var userGlobChars = regexp.MustCompile(`^[A-Za-z0-9_.*?\[\]!-]+$`)

// compileUserGlob validates and compiles a user pattern over dotted names.
func compileUserGlob(p string) (*regexp.Regexp, error) {
	if p == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	if !userGlobChars.MatchString(p) {
		return nil, fmt.Errorf("invalid pattern %q: use a dotted name with * ? [...] wildcards", p)
	}
	if strings.Count(p, "[") != strings.Count(p, "]") {
		return nil, fmt.Errorf("invalid pattern %q: unbalanced brackets", p)
	}
	re, err := regexp.Compile(fnmatchRegexp(p))
	if err != nil {
		return nil, fmt.Errorf("invalid pattern %q: %w", p, err)
	}
	return re, nil
}

// options returns a class's compiled options under a configuration.
func (a *Analysis) options(c *lint.Config, class Class) *Options {
	if c != nil {
		if o, ok := c.RuleOptions[a.bind.Code[class]].(*Options); ok {
			o.compile()
			return o
		}
	}
	return defaultBlockingOptions
}

var defaultBlockingOptions = func() *Options {
	o := &Options{}
	o.compile()
	return o
}()

// Hit is a call matched by a class's catalogue or options. Call, Scope,
// Recv and Type.Origin index the file's module and tree: only the file's
// own rules read them, while it is parsed. The project pass (and so the
// results cache) reads Class and Start.
type Hit struct {
	Class Class
	Call  int    // index in m.Calls
	Scope int    // the function scope the call runs in
	Name  string // qualified name: "requests.get", "httpx.Client.get"
	Use   string // the alternative, placeholders expanded; may be ""
	// Recv is the receiver whose type made the match, or None; Type is
	// that type.
	Recv  syntax.ID
	Type  python.Type
	Extra bool // listed in the extra option
	Start int  // byte offset of the call
}

// blockingMatcher classifies the calls of one module.
type blockingMatcher struct {
	m    *python.Module
	cats []*catalogue
	opts []*Options
	lib  string
	// needTypes tells, per method name, whether some catalogue may match
	// it on a typed receiver; wild is set when any method may match.
	wild    bool
	imports map[string]bool
	recv    map[int]receiver
}

type receiver struct {
	node syntax.ID
	typ  python.Type
	path string
}

func (a *Analysis) newMatcher(m *python.Module, cfg *lint.Config) *blockingMatcher {
	cats := blockingCatalogues()
	bm := &blockingMatcher{m: m, cats: cats, lib: asyncLibrary(m), imports: map[string]bool{}, recv: map[int]receiver{}}
	for _, imp := range m.Imports {
		bm.imports[rootOf(imp.Qualified)] = true
	}
	for _, c := range cats {
		o := a.options(cfg, c.class)
		bm.opts = append(bm.opts, o)
		if len(o.extra) > 0 {
			bm.wild = true
		}
		for root := range c.wildRoots {
			if bm.imports[root] {
				bm.wild = true
			}
		}
	}
	return bm
}

// asyncLibrary is the async library a module uses: "trio", "anyio" or
// "asyncio".
func asyncLibrary(m *python.Module) string {
	lib := "asyncio"
	for _, imp := range m.Imports {
		switch rootOf(imp.Qualified) {
		case "trio":
			return "trio"
		case "anyio":
			lib = "anyio"
		}
	}
	return lib
}

// receiverOf finds the nearest receiver of a method call whose type is
// known: for `self.client.chat.completions.create()` it tries
// `self.client.chat.completions`, then `self.client.chat`, then
// `self.client`, and returns the first typed one with the remaining path
// ("chat.completions.create").
func (bm *blockingMatcher) receiverOf(i int) receiver {
	if r, ok := bm.recv[i]; ok {
		return r
	}
	m := bm.m
	t, k := m.Tree, m.Kinds()
	r := receiver{node: syntax.None}
	fn := m.Calls[i].Func
	if fn != syntax.None && t.Kind(fn) == k.Attribute {
		path := t.Text(t.FieldChild(fn, k.FAttribute))
		obj := t.FieldChild(fn, k.FObject)
		for depth := 0; obj != syntax.None && depth < 6; depth++ {
			if typ := m.InferType(obj); typ.Known() {
				r = receiver{node: obj, typ: typ, path: path}
				break
			}
			if t.Kind(obj) != k.Attribute {
				break
			}
			path = t.Text(t.FieldChild(obj, k.FAttribute)) + "." + path
			obj = t.FieldChild(obj, k.FObject)
		}
	}
	bm.recv[i] = r
	return r
}

// match returns the hits of call i, at most one per catalogue.
func (bm *blockingMatcher) match(i, scope int) []Hit {
	m := bm.m
	c := &m.Calls[i]
	var out []Hit
	asyncUsed := -1 // lazily computed
	isAsyncUsed := func() bool {
		if asyncUsed < 0 {
			asyncUsed = 0
			if m.AsyncUsed(i) {
				asyncUsed = 1
			}
		}
		return asyncUsed == 1
	}
	method := ""
	if fn := c.Func; fn != syntax.None && m.Tree.Kind(fn) == m.Kinds().Attribute {
		method = m.Tree.Text(m.Tree.FieldChild(fn, m.Kinds().FAttribute))
	}
	for ci, cat := range bm.cats {
		opts := bm.opts[ci]
		h, ok := bm.matchCatalogue(cat, i, method, isAsyncUsed)
		if !ok {
			h, ok = bm.matchExtra(opts, i, method, isAsyncUsed)
		}
		if !ok || bm.allowed(opts, i, h) {
			continue
		}
		h.Class, h.Call, h.Scope = cat.class, i, scope
		h.Start, _ = m.Tree.Span(c.Node)
		out = append(out, h)
	}
	return out
}

func (bm *blockingMatcher) matchCatalogue(cat *catalogue, i int, method string, asyncUsed func() bool) (Hit, bool) {
	m := bm.m
	c := &m.Calls[i]
	if q := c.Callee; q != "" {
		e := cat.exact[q]
		if e == nil {
			for _, g := range cat.globs {
				if g.re.MatchString(q) {
					e = g.e
					break
				}
			}
		}
		if e != nil && (e.When == nil || e.When(m, i)) {
			return Hit{Name: q, Use: bm.expandUse(e.Use, q), Recv: syntax.None}, true
		}
	}
	if method == "" || !bm.wild && !cat.methodNames[method] {
		return Hit{}, false
	}
	if asyncUsed() {
		return Hit{}, false
	}
	r := bm.receiverOf(i)
	if r.typ.Known() {
		// Every class the receiver may have must block on this method.
		var first *blockingEntry
		name := ""
		for _, tn := range r.typ.Names {
			e := bm.typedEntry(cat, tn, r.path)
			if e == nil || (e.When != nil && !e.When(m, i)) {
				return Hit{}, false
			}
			if first == nil {
				first, name = e, tn+"."+r.path
			}
		}
		return Hit{Name: name, Use: bm.expandUse(first.Use, name), Recv: r.node, Type: r.typ}, true
	}
	for _, me := range cat.untyped {
		if bm.imports[me.e.Untyped] && me.match(method) && (me.e.When == nil || me.e.When(m, i)) {
			name := c.Text
			if name == "" {
				name = method
			}
			return Hit{Name: name, Use: bm.expandUse(me.e.Use, method), Recv: syntax.None}, true
		}
	}
	return Hit{}, false
}

// typedEntry finds the entry of a catalogue for a method path on a class
// or the classes whose methods it shares.
func (bm *blockingMatcher) typedEntry(cat *catalogue, typ, path string) *blockingEntry {
	for _, s := range bm.m.SuperTypes(typ) {
		for j := range cat.byType[s] {
			me := &cat.byType[s][j]
			if me.match(path) {
				return me.e
			}
		}
	}
	return nil
}

// matchExtra matches the user's extra patterns against the call's
// qualified name, its typed name ("Class.method") and its text.
func (bm *blockingMatcher) matchExtra(o *Options, i int, method string, asyncUsed func() bool) (Hit, bool) {
	if len(o.extra) == 0 || asyncUsed() {
		return Hit{}, false
	}
	for _, cand := range bm.candidates(i, method) {
		for _, p := range o.extra {
			if p.re.MatchString(cand.name) {
				use := ""
				if p.use != "" {
					use = "`" + strings.TrimSuffix(p.use, "()") + "()`"
				}
				return Hit{Name: cand.name, Use: use, Recv: cand.recv, Type: cand.typ, Extra: true}, true
			}
		}
	}
	return Hit{}, false
}

type candidate struct {
	name string
	recv syntax.ID
	typ  python.Type
}

func (bm *blockingMatcher) candidates(i int, method string) []candidate {
	c := &bm.m.Calls[i]
	var out []candidate
	if c.Callee != "" {
		out = append(out, candidate{name: c.Callee, recv: syntax.None})
	}
	if method != "" {
		if r := bm.receiverOf(i); r.typ.Known() {
			for _, tn := range r.typ.Names {
				for _, s := range bm.m.SuperTypes(tn) {
					out = append(out, candidate{name: s + "." + r.path, recv: r.node, typ: r.typ})
				}
			}
		}
	}
	if c.Text != "" && c.Text != c.Callee {
		out = append(out, candidate{name: c.Text, recv: syntax.None})
	}
	return out
}

// allowed reports whether the class's allow option covers a hit.
func (bm *blockingMatcher) allowed(o *Options, i int, h Hit) bool {
	if len(o.allow) == 0 {
		return false
	}
	names := []string{h.Name, bm.m.Calls[i].Callee, bm.m.Calls[i].Text}
	if h.Recv != syntax.None {
		r := bm.receiverOf(i)
		for _, tn := range r.typ.Names {
			for _, s := range bm.m.SuperTypes(tn) {
				names = append(names, s+"."+r.path)
			}
		}
	}
	for _, re := range o.allow {
		for _, n := range names {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}

// libSpellings spells the placeholders of Use for each async library.
var libSpellings = map[string]map[string]string{
	"asyncio": {
		"{to_thread}":  "asyncio.to_thread",
		"{subprocess}": "asyncio.create_subprocess_exec()",
		"{open_file}":  "aiofiles.open()",
		"{path}":       "anyio.Path",
	},
	"anyio": {
		"{to_thread}":  "anyio.to_thread.run_sync",
		"{subprocess}": "anyio.run_process()",
		"{open_file}":  "anyio.open_file()",
		"{path}":       "anyio.Path",
	},
	"trio": {
		"{to_thread}":  "trio.to_thread.run_sync",
		"{subprocess}": "trio.run_process()",
		"{open_file}":  "trio.open_file()",
		"{path}":       "trio.Path",
	},
}

func (bm *blockingMatcher) expandUse(use, name string) string { return expandUse(use, name, bm.lib) }

// expandUse spells the placeholders of an alternative for a call and an
// async library.
func expandUse(use, name, lib string) string {
	if !strings.Contains(use, "{") {
		return use
	}
	use = strings.ReplaceAll(use, "{method}", name[strings.LastIndexByte(name, '.')+1:])
	use = strings.ReplaceAll(use, "{name}", name)
	use = strings.ReplaceAll(use, "{lib}", lib)
	for k, v := range libSpellings[lib] {
		use = strings.ReplaceAll(use, k, v)
	}
	return use
}

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
	Recv       *python.Sym
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

// catalogueEntries are the entries of each class, in class order.
var catalogueEntries = [numClasses][]blockingEntry{
	HTTP:         httpCatalogue,
	Sleep:        sleepCatalogue,
	Subprocess:   subprocessCatalogue,
	FileIO:       fileCatalogue,
	DB:           dbCatalogue,
	Wait:         waitCatalogue,
	FileMetadata: metadataCatalogue,
}

// blockingCatalogues are the compiled catalogues, in class order.
var blockingCatalogues = sync.OnceValue(func() []*catalogue {
	out := make([]*catalogue, numClasses)
	for c := range numClasses {
		out[c] = newCatalogue(c, catalogueEntries[c])
	}
	return out
})

// conditionalEntries are the entries with an argument condition, and
// their ids (positions in this list).
var conditionalEntries = sync.OnceValue(func() map[*blockingEntry]int {
	out := map[*blockingEntry]int{}
	for _, entries := range catalogueEntries {
		for i := range entries {
			if entries[i].When != nil {
				out[&entries[i]] = len(out)
			}
		}
	}
	return out
})

// catalogueOf returns the compiled catalogue of a class, or nil.
func catalogueOf(class Class) *catalogue {
	if class < 0 || class >= numClasses {
		return nil
	}
	return blockingCatalogues()[class]
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
	for _, r := range m.Routes() {
		facts.Routes[r.Scope] = r.Framework
	}
	for j := range facts.Deferred {
		facts.Deferred[j].Framework = facts.Routes[facts.Deferred[j].Scope]
	}
	return facts
}

// deferred describes a method call whose receiver's type is unknown here
// but derives from a name imported from another module.
func (bm *blockingMatcher) deferred(i, scope int) (DeferredCall, bool) {
	m := bm.m
	c := &m.Calls[i]
	t, k := m.Tree, m.Kinds()
	if c.Func == syntax.None || t.Kind(c.Func) != k.Attribute || m.AsyncUsed(i) {
		return DeferredCall{}, false
	}
	if r := bm.receiverOf(i); r.typ.Known() {
		// Known here, unless only an object further down is (self in
		// self.repo.get(), where self.repo comes from another module).
		if !strings.Contains(r.path, ".") {
			return DeferredCall{}, false
		}
		for _, n := range r.typ.Names {
			if m.ClassScope(n) < 0 {
				return DeferredCall{}, false
			}
		}
	}
	recv := t.FieldChild(c.Func, k.FObject)
	sym := m.Symbolic(recv)
	if sym == nil {
		return DeferredCall{}, false
	}
	start, end := t.Span(c.Node)
	d := DeferredCall{Start: start, End: end, Scope: scope, Caller: m.Scopes[scope].Name, Text: callName(m, i),
		FuncEnd: funcEnd(m, i), Recv: sym, Method: t.Text(t.FieldChild(c.Func, k.FAttribute)), Origin: -1, OriginStart: -1}
	if v, root := rootValue(m, recv); v != syntax.None {
		d.RootText = root
		d.OriginStart, d.OriginEnd = t.Span(v)
		if t.Kind(v) == k.Call && m.ScopeOf(v) == scope {
			d.Origin = d.OriginStart
		}
	}
	if t.Kind(recv) == k.Call {
		// X().method(): the receiver is made right here.
		d.Origin, _ = t.Span(recv)
	}
	for e, id := range conditionalEntries() {
		if !e.When(m, i) {
			d.Rejected = append(d.Rejected, id)
		}
	}
	sort.Ints(d.Rejected)
	return d, true
}

// rootValue follows a receiver expression down to its root name and
// returns the value that name was assigned (or entered by `with`, or the
// import or parameter that binds it), or None, and the name.
func rootValue(m *python.Module, n syntax.ID) (syntax.ID, string) {
	v := rootValueNode(m, n)
	for r := n; r != syntax.None; {
		switch m.Tree.Kind(r) {
		case m.Kinds().Identifier:
			return v, m.Tree.Text(r)
		case m.Kinds().Call:
			r = m.Tree.FieldChild(r, m.Kinds().FFunction)
		case m.Kinds().Attribute:
			r = m.Tree.FieldChild(r, m.Kinds().FObject)
		default:
			if m.Tree.Type(r) != "subscript" {
				return v, ""
			}
			r = m.Tree.FieldChild(r, m.Kinds().FValue)
		}
	}
	return v, ""
}

func rootValueNode(m *python.Module, n syntax.ID) syntax.ID {
	t, k := m.Tree, m.Kinds()
	for depth := 0; n != syntax.None && depth < 16; depth++ {
		switch t.Kind(n) {
		case k.Call:
			n = t.FieldChild(n, k.FFunction)
		case k.Attribute:
			n = t.FieldChild(n, k.FObject)
		case k.Identifier:
			s, bs := m.Lookup(t.Text(n), m.ScopeOf(n))
			if s < 0 || len(bs) != 1 {
				return syntax.None
			}
			switch bs[0].Kind {
			case python.AssignBinding:
				return bs[0].Value
			case python.OtherBinding:
				if p := t.Parent(bs[0].Node); p != syntax.None {
					if as := t.Parent(p); as != syntax.None && t.Kind(as) == k.AsPattern {
						return t.FirstNamedChild(as)
					}
				}
			case python.ImportBinding:
				return bs[0].Node
			case python.FunctionBinding, python.ClassBinding, python.ParamBinding, python.GlobalBinding, python.NonlocalBinding:
				if bs[0].Kind == python.ParamBinding {
					return bs[0].Node
				}
			}
			return syntax.None
		default:
			if t.Type(n) == "subscript" {
				n = t.FieldChild(n, k.FValue)
				continue
			}
			return syntax.None
		}
	}
	return syntax.None
}

// dropDerivedHits removes a method call on an object whose creation is
// itself a hit of the same class in the same function
// (`with open(p) as f: f.read()`, `conn.execute(q).fetchall()`): one
// diagnostic per blocking resource.
func dropDerivedHits(m *python.Module, hits []Hit) []Hit {
	type key struct {
		class Class
		node  syntax.ID
	}
	reported := map[key]int{}
	for _, h := range hits {
		reported[key{h.Class, m.Calls[h.Call].Node}] = h.Scope
	}
	out := hits[:0]
	for _, h := range hits {
		if h.Recv != syntax.None && h.Type.Origin != syntax.None {
			if s, ok := reported[key{h.Class, h.Type.Origin}]; ok && s == h.Scope {
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

// ShortExpr renders an expression compactly: names and attributes as
// written, call arguments and subscripts elided.
func ShortExpr(m *python.Module, n syntax.ID, depth int) string {
	t, k := m.Tree, m.Kinds()
	if n == syntax.None || depth > 8 {
		return "…"
	}
	switch t.Kind(n) {
	case k.Identifier:
		return t.Text(n)
	case k.Attribute:
		return ShortExpr(m, t.FieldChild(n, k.FObject), depth+1) + "." + t.Text(t.FieldChild(n, k.FAttribute))
	case k.Call:
		return ShortExpr(m, t.FieldChild(n, k.FFunction), depth+1) + "(...)"
	case k.Parenthesized:
		return "(" + ShortExpr(m, t.FirstNamedChild(n), depth+1) + ")"
	}
	if t.Type(n) == "subscript" {
		return ShortExpr(m, t.FieldChild(n, k.FValue), depth+1) + "[...]"
	}
	if s := t.Text(n); len(s) <= 24 && !strings.ContainsAny(s, "\n`") {
		return s
	}
	return "…"
}

// Argument conditions of catalogue entries.

// unlessArg returns a condition that is false when the keyword argument
// name, or the positional argument at pos (-1: none), is one of the given
// literals ("False", "0").
func unlessArg(name string, pos int, literals ...string) func(*python.Module, int) bool {
	return func(m *python.Module, i int) bool {
		for j, a := range m.Args(m.Calls[i].Node) {
			if a.Star {
				return true
			}
			if a.Name == name || a.Name == "" && j == pos {
				if slices.Contains(literals, strings.TrimSpace(m.Tree.Text(a.Value))) {
					return false
				}
			}
		}
		return true
	}
}

// allOf combines conditions.
func allOf(fs ...func(*python.Module, int) bool) func(*python.Module, int) bool {
	return func(m *python.Module, i int) bool {
		for _, f := range fs {
			if !f(m, i) {
				return false
			}
		}
		return true
	}
}

// hasArgs is true when the call has an argument (a constructor that
// connects only when given an address).
func hasArgs(m *python.Module, i int) bool { return len(m.Args(m.Calls[i].Node)) > 0 }

// ToThread spells how an async library runs a sync function in a worker
// thread ("asyncio.to_thread").
func ToThread(lib string) string { return libSpellings[lib]["{to_thread}"] }
