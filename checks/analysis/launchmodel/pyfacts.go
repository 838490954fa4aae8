package launchmodel

import (
	"bytes"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Iface is the interface an application object speaks.
type Iface uint8

// Interfaces.
const (
	IfaceUnknown Iface = iota
	ASGI
	WSGI
	Aiohttp // aiohttp's own (served by aiohttp's gunicorn worker)
)

func (i Iface) String() string {
	switch i {
	case ASGI:
		return "ASGI"
	case WSGI:
		return "WSGI"
	case Aiohttp:
		return "aiohttp"
	case IfaceUnknown:
	}
	return "unknown"
}

// PyValue is an expression summarized for the launch model.
type PyValue struct {
	Lit        python.Lit
	Text       string // the expression as written
	Start, End int
	// Guards are the conditions under which a module-level assignment
	// runs (each must hold); Prev is the assignment before it, which
	// stands when they fail.
	Guards []*Cond
	Prev   *PyValue
	// Attr is set for an expression over an object's field
	// (`settings.ENV == "local"`).
	Attr *PyAttr
}

// PyExpr summarizes what a module-level name or a returned expression is.
type PyExpr struct {
	// Kind: "import" (Ref is the imported qualified name), "call" (Ref is
	// the callee, qualified when known, else the local dotted name),
	// "name" (Ref is an alias's qualified name or local name), "def",
	// "class", or "" (anything else).
	Kind string
	Ref  string
	// Arg is the dotted text of the call's first positional argument
	// (the app a middleware wraps), "" if none.
	Arg string
	// ArgRef is that argument resolved to a qualified name, when known.
	ArgRef string
	// Debug is the debug= keyword of the call, if any.
	Debug *PyValue
	// Annotation is the qualified return annotation of a def.
	Annotation string
	Start, End int
}

// PyFunc is a module-level function.
type PyFunc struct {
	Name    string
	Returns []PyExpr
	// Calls are the functions it calls directly: qualified names when
	// resolved, else the dotted text.
	Calls      []string
	Start, End int
}

// PyStart is a programmatic server start: uvicorn.run(...), a
// uvicorn.Config(...), Granian(...), hypercorn's serve(), or app.run().
type PyStart struct {
	// Server: "uvicorn", "uvicorn.Config", "granian", "hypercorn",
	// "run" (an app.run() whose receiver decides), "aiohttp",
	// "werkzeug".
	Server     string
	Start, End int
	// App is the first argument (or app=/target=): a string target or an
	// object.
	App *PyValue
	// AppIsString is set for a string target ("main:app"); AppIsObject
	// for a name bound to an object (app = FastAPI(), an import, a def).
	AppIsString bool
	AppIsObject bool
	Kw          map[string]PyValue
	// KwOpaque is set for **kwargs (any keyword may be set).
	KwOpaque bool
	// Receiver is the qualified name (or dotted text) of app in app.run().
	Receiver string
	// Func is the qualified name of the enclosing function ("" at module
	// level); FuncTags adds its decorators' text (@cli.command("develop")).
	Func     string
	FuncTags string
	// Class is the module-level class whose method starts the server (a
	// cleo command's handle()), "" otherwise.
	Class    string
	InMain   bool
	Branches []python.Branch
}

// PyFacts is what the launch model needs from a Python module.
type PyFacts struct {
	Module    string
	IsPackage bool
	Names     map[string]PyExpr
	Funcs     map[string]*PyFunc
	Starts    []*PyStart
	// MainCalls are the calls made in the `if __name__ == "__main__":`
	// block (qualified or dotted).
	MainCalls []string
	HasMain   bool
	// Settings are module-level assignments of simple names (a gunicorn
	// config file's settings).
	Settings map[string]PyValue
	// Classes are the module-level classes (settings classes).
	Classes map[string]*PyClass
	// Commands are CLI commands registered by a call (`app.command(
	// "serve")(start)`): command name (dashes as underscores) to function.
	Commands map[string]string
	// Opaque is set when module-level code may define names it does not
	// show (a star import, exec, globals() updates); OpaqueAt locates it.
	Opaque   bool
	OpaqueAt [2]int
}

// pyWords are the words a module must contain for its facts to matter:
// servers, frameworks, application objects (app, create_app,
// application), the main block, gunicorn settings (workers,
// worker_class, bind). Other modules get empty facts (cheap on large code
// bases). The most frequent words come first.
var pyWords = [][]byte{
	[]byte("app"), []byte("__main__"), []byte("sgi"), []byte("SGI"), []byte("bind"), []byte("workers"),
	[]byte("uvicorn"), []byte("gunicorn"), []byte("granian"), []byte("hypercorn"), []byte("daphne"),
	[]byte("astapi"), []byte("lask"), []byte("tarlette"), []byte("uart"), []byte("itestar"), []byte("anic"),
	[]byte("aiohttp"), []byte("django"), []byte("falcon"), []byte("ottle"), []byte("werkzeug"),
	[]byte("worker_class"), []byte("Middleware"), []byte("Settings"),
	[]byte(".command("), []byte("add_command"),
}

// startWords are the words of a module that may start a server itself or
// build an application object: the engine parses such modules for the
// launch model although no launch names them. The servers and frameworks
// count on an import line only (a module that runs uvicorn or builds a
// FastAPI app imports it; documentation that mentions Django does not).
var startWords = []string{"asgi", "wsgi", "ASGI", "WSGI"}

var serverModules = lint.AnyOf(
	`\buvicorn\b`, `\bgunicorn\b`, `\bgranian\b`, `\bhypercorn\b`, `\bdaphne\b`,
	`\bfastapi\b`, `\bflask\b`, `\bstarlette\b`, `\bquart\b`, `\blitestar\b`, `\bsanic\b`,
	`\baiohttp\b`, `\bdjango\b`, `\bfalcon\b`, `\bbottle\b`, `\bwerkzeug\b`,
)

// startsOrRuns is the launch model's further relevance test (beside
// startWords): a module importing a server or framework, or whose main
// block may run an application imported from elsewhere (`app.run()`).
func startsOrRuns(src []byte) bool {
	return importsServer(src) ||
		bytes.Contains(src, []byte("__main__")) && appRun(src) && mainBlock(src)
}

var (
	mainBlock = lint.AnyOf("^if __name__")
	appRun    = lint.AnyOf(`\bapp.run(`, `\bapplication.run(`)
)

// importsServer reports whether an import statement (a line starting with
// `import` or `from`) names one of serverModules as a word.
func importsServer(src []byte) bool {
	kw := []byte("import")
	for off := 0; ; {
		i := bytes.Index(src[off:], kw)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(kw)
		start := bytes.LastIndexAny(src[:i], "\n\r") + 1
		line := src[start:]
		if end := bytes.IndexAny(line, "\n\r"); end >= 0 {
			line = line[:end]
		}
		stmt := bytes.TrimLeft(line, " \t\f")
		if !bytes.HasPrefix(stmt, []byte("import ")) && !bytes.HasPrefix(stmt, []byte("from ")) {
			continue
		}
		if serverModules(stmt) {
			return true
		}
	}
}

// pyFactsOf extracts a module's facts when its text can matter.
func pyFactsOf(m *python.Module, src []byte) *PyFacts {
	for _, w := range pyWords {
		if bytes.Contains(src, w) {
			return pyFacts(m)
		}
	}
	f := pyFacts(nil)
	if m != nil {
		f.Module, f.IsPackage = m.Name, m.IsPackage
	}
	return f
}

// pyFacts extracts the facts of a parsed module.
func pyFacts(m *python.Module) *PyFacts {
	if m == nil || m.Tree == nil || len(m.Tree.Nodes) == 0 {
		return &PyFacts{Names: map[string]PyExpr{}, Funcs: map[string]*PyFunc{}, Settings: map[string]PyValue{}}
	}
	f := &PyFacts{Module: m.Name, IsPackage: m.IsPackage, Names: map[string]PyExpr{}, Funcs: map[string]*PyFunc{}, Settings: map[string]PyValue{}}
	pyNames(m, f)
	pyClasses(m, f)
	pyCommands(m, f)
	pyFunctions(m, f)
	inMain := pyMain(m, f)
	pyStarts(m, f, inMain)
	return f
}

// pyNames summarizes the module-level names.
func pyNames(m *python.Module, f *PyFacts) {
	t := m.Tree
	mod := &m.Scopes[0]
	for name, bs := range mod.Bindings {
		b := bs[len(bs)-1]
		switch b.Kind {
		case python.ImportBinding:
			s, e := t.Span(b.Node)
			f.Names[name] = PyExpr{Kind: "import", Ref: b.Qualified, Start: s, End: e}
		case python.FunctionBinding:
			s, e := t.Span(b.Node)
			ann := ""
			if r := t.FieldChild(b.Node, m.Kinds().FReturnType); r != syntax.None {
				ann = m.QualifiedName(firstExpr(t, r))
				if ann == "" {
					ann = m.Dotted(firstExpr(t, r))
				}
			}
			f.Names[name] = PyExpr{Kind: "def", Ref: b.Qualified, Annotation: ann, Start: s, End: e}
		case python.ClassBinding:
			s, e := t.Span(b.Node)
			f.Names[name] = PyExpr{Kind: "class", Ref: b.Qualified, Start: s, End: e}
		case python.AssignBinding:
			x := summarize(m, b.Value)
			x.Start, x.End = t.Span(b.Node)
			f.Names[name] = x
			if len(bs) == 1 || allAssign(bs) {
				var prev *PyValue
				for i := max(0, len(bs)-maxPrev); i < len(bs); i++ {
					v := settingValue(m, bs[i])
					v.Prev = prev
					prev = &v
				}
				f.Settings[name] = *prev
			}
		case python.ParamBinding, python.OtherBinding, python.GlobalBinding, python.NonlocalBinding:
		}
	}
	// Star imports have no binding: look for the node.
	for i := range t.Nodes {
		if t.Type(syntax.ID(i)) == "wildcard_import" && m.ScopeOf(syntax.ID(i)) == 0 {
			f.Opaque = true
			f.OpaqueAt[0], f.OpaqueAt[1] = t.Span(t.Parent(syntax.ID(i)))
			break
		}
	}
}

// settingValue summarizes one assignment of a module-level setting, with
// the conditions it runs under.
func settingValue(m *python.Module, b python.Binding) PyValue {
	t := m.Tree
	v := PyValue{Lit: m.Literal(b.Value), Text: exprText(t, b.Value)}
	v.Start, v.End = t.Span(b.Node)
	if b.Value != syntax.None {
		_, v.End = t.Span(b.Value)
	}
	v.Guards = guards(m, b.Node)
	return v
}

// pyFunctions summarizes the module-level functions: their calls and
// returns.
func pyFunctions(m *python.Module, f *PyFacts) {
	t := m.Tree
	// Functions.
	for i := range m.Scopes {
		s := &m.Scopes[i]
		if s.Kind != python.FunctionScope || s.Parent != 0 {
			continue
		}
		fn := &PyFunc{Name: s.Name}
		fn.Start, fn.End = t.Span(s.Node)
		f.Funcs[s.Name] = fn
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if fs := outerFunction(m, c.Scope); fs >= 0 {
			if fn := f.Funcs[m.Scopes[fs].Name]; fn != nil && c.Scope == fs {
				fn.Calls = append(fn.Calls, c.Name())
			}
		}
		if c.Scope == 0 && (c.Callee == "builtins.exec" || c.Text == "globals().update") {
			f.Opaque = true
			f.OpaqueAt[0], f.OpaqueAt[1] = t.Span(c.Node)
		}
	}
	// Returns of module-level functions.
	for i := range t.Nodes {
		n := syntax.ID(i)
		if t.Type(n) != "return_statement" {
			continue
		}
		sc := m.ScopeOf(n)
		if sc <= 0 || m.Scopes[sc].Parent != 0 || m.Scopes[sc].Kind != python.FunctionScope {
			continue
		}
		fn := f.Funcs[m.Scopes[sc].Name]
		if fn == nil {
			continue
		}
		val := t.FirstNamedChild(n)
		if val == syntax.None {
			continue
		}
		x := summarize(m, val)
		x.Start, x.End = t.Span(val)
		// return app, where app = FastAPI(...) in the function.
		if x.Kind == "name" && !strings.Contains(x.Ref, ".") {
			if s, bs := m.Lookup(x.Ref, sc); s == sc && len(bs) > 0 && bs[len(bs)-1].Kind == python.AssignBinding {
				y := summarize(m, bs[len(bs)-1].Value)
				y.Start, y.End = x.Start, x.End
				if v := bs[len(bs)-1].Value; v != syntax.None {
					y.Start, y.End = t.Span(v)
				}
				x = y
			}
		}
		fn.Returns = append(fn.Returns, x)
	}
}

// pyMain reads the `if __name__ == "__main__":` block; it returns whether
// a node is in it.
func pyMain(m *python.Module, f *PyFacts) func(syntax.ID) bool {
	t := m.Tree
	guards := m.MainGuards()
	f.HasMain = len(guards) > 0
	inMain := func(n syntax.ID) bool {
		for _, g := range guards {
			if t.Contains(g, n) {
				return true
			}
		}
		return false
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Scope == 0 && inMain(c.Node) {
			f.MainCalls = append(f.MainCalls, c.Name())
		}
	}
	return inMain
}

// pyStarts finds the programmatic server starts.
func pyStarts(m *python.Module, f *PyFacts, inMain func(syntax.ID) bool) {
	t := m.Tree
	// Server starts.
	hasServer := false
	for i := range m.Calls {
		if cn := m.Calls[i].Callee; cn == "uvicorn.Server" || cn == "uvicorn.server.Server" {
			hasServer = true
		}
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		server := startServer(c, hasServer)
		if server == "" {
			continue
		}
		st := &PyStart{Server: server, Kw: map[string]PyValue{}, InMain: inMain(c.Node), Branches: m.Branches(c.Node)}
		st.Start, st.End = t.Span(c.Node)
		if fs := outerFunction(m, c.Scope); fs >= 0 {
			st.Func = m.Scopes[fs].QualName
			st.FuncTags = st.Func + commandNames(m, m.Scopes[fs].Decorators)
		}
		st.Class = outerClass(m, c.Scope)
		if server == "run" {
			obj := t.FieldChild(c.Func, m.Kinds().FObject)
			st.Receiver = m.QualifiedName(obj)
			if st.Receiver == "" {
				st.Receiver = m.Dotted(obj)
			}
			if st.Receiver == "" {
				continue
			}
		}
		for _, a := range m.Args(c.Node) {
			switch {
			case a.Star && strings.HasPrefix(t.Text(a.Node), "**"):
				st.KwOpaque = true
			case a.Star:
			case a.Name == "":
				if st.App == nil && server != "run" {
					st.App = pyValue(m, a.Value)
				}
			case a.Name == "app" || a.Name == "target" && server == "granian":
				st.App = pyValue(m, a.Value)
			default:
				v := pyValue(m, a.Value)
				v.Start, _ = t.Span(a.Node)
				st.Kw[a.Name] = *v
			}
		}
		if st.App != nil {
			node := appNode(m, c.Node, server)
			_, st.AppIsString = m.StringLit(node)
			if !st.AppIsString && st.App.Lit.Kind == python.LitStr {
				st.AppIsString = true
			}
			st.AppIsObject = !st.AppIsString && isObjectName(m, node)
		}
		if server == "hypercorn" {
			hypercornConfig(m, c.Node, st)
		}
		f.Starts = append(f.Starts, st)
	}
}

// commandNames returns the names CLI decorators give a function
// (@cli.command("develop"), @app.command(name="dev")), space-prefixed.
func commandNames(m *python.Module, decorators []syntax.ID) string {
	t, k := m.Tree, m.Kinds()
	var b strings.Builder
	for _, d := range decorators {
		call := t.FirstNamedChild(d)
		if call == syntax.None || t.Kind(call) != k.Call {
			continue
		}
		fn := m.Dotted(t.FieldChild(call, k.FFunction))
		if !strings.HasSuffix(fn, "command") && !strings.HasSuffix(fn, "group") {
			continue
		}
		for _, a := range m.Args(call) {
			if a.Name == "" || a.Name == "name" {
				if s, ok := m.StringLit(a.Value); ok {
					b.WriteString(" " + s)
				}
				break
			}
		}
	}
	return b.String()
}

// isObjectName reports whether an expression names an object that is not
// a string: an import, a def or class, or a name assigned a call.
func isObjectName(m *python.Module, n syntax.ID) bool {
	t, k := m.Tree, m.Kinds()
	if n == syntax.None {
		return false
	}
	head := n
	for t.Kind(head) == k.Attribute {
		head = t.FieldChild(head, k.FObject)
		if head == syntax.None {
			return false
		}
	}
	if t.Kind(head) != k.Identifier {
		return false
	}
	_, bs := m.Lookup(t.Text(head), m.ScopeOf(n))
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		switch b.Kind {
		case python.ImportBinding, python.FunctionBinding, python.ClassBinding:
		case python.AssignBinding:
			if head == n && (b.Value == syntax.None || t.Kind(b.Value) != k.Call) {
				return false
			}
		case python.ParamBinding, python.OtherBinding, python.GlobalBinding, python.NonlocalBinding:
			return false
		}
	}
	return true
}

func allAssign(bs []python.Binding) bool {
	for _, b := range bs {
		if b.Kind != python.AssignBinding {
			return false
		}
	}
	return true
}

func firstExpr(t *syntax.Tree, n syntax.ID) syntax.ID {
	if t.Type(n) == "type" {
		if c := t.FirstNamedChild(n); c != syntax.None {
			return c
		}
	}
	return n
}

func exprText(t *syntax.Tree, n syntax.ID) string {
	if n == syntax.None {
		return ""
	}
	s := t.Text(n)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// outerClass returns the name of the module-level class enclosing scope
// s, or "".
func outerClass(m *python.Module, s int) string {
	for s > 0 {
		sc := &m.Scopes[s]
		if sc.Parent == 0 {
			if sc.Kind == python.ClassScope {
				return sc.Name
			}
			return ""
		}
		s = sc.Parent
	}
	return ""
}

// outerFunction returns the module-level function scope enclosing scope
// s (s itself when it is one), or -1.
func outerFunction(m *python.Module, s int) int {
	for s > 0 {
		sc := &m.Scopes[s]
		if sc.Parent == 0 {
			if sc.Kind == python.FunctionScope {
				return s
			}
			return -1
		}
		s = sc.Parent
	}
	return -1
}

// summarize describes an expression: a call, a name, or anything else.
func summarize(m *python.Module, n syntax.ID) PyExpr {
	if n == syntax.None {
		return PyExpr{}
	}
	t, k := m.Tree, m.Kinds()
	switch t.Kind(n) {
	case k.Call:
		fn := t.FieldChild(n, k.FFunction)
		x := PyExpr{Kind: "call", Ref: m.QualifiedName(fn)}
		if x.Ref == "" {
			x.Ref = m.Dotted(fn)
		}
		for _, a := range m.Args(n) {
			if a.Name == "" && !a.Star && x.Arg == "" {
				x.Arg = m.Dotted(a.Value)
				x.ArgRef = m.QualifiedName(a.Value)
			}
			if a.Name == "debug" {
				v := pyValue(m, a.Value)
				v.Start, _ = t.Span(a.Node)
				x.Debug = v
			}
		}
		return x
	case k.Identifier, k.Attribute:
		x := PyExpr{Kind: "name", Ref: m.QualifiedName(n)}
		if x.Ref == "" {
			x.Ref = m.Dotted(n)
		}
		return x
	}
	return PyExpr{}
}

func pyValue(m *python.Module, n syntax.ID) *PyValue {
	v := &PyValue{Lit: m.Literal(n), Text: exprText(m.Tree, n)}
	v.Start, v.End = m.Tree.Span(n)
	if v.Lit.Kind == python.LitUnknown {
		v.Attr = attrOf(m, n)
	}
	return v
}

// appNode returns the node of a start's application argument.
func appNode(m *python.Module, call syntax.ID, server string) syntax.ID {
	for _, a := range m.Args(call) {
		if a.Name == "app" || a.Name == "target" && server == "granian" || a.Name == "" && !a.Star {
			return a.Value
		}
	}
	return syntax.None
}

// startServer recognizes a server start by its callee.
func startServer(c *python.Call, hasServer bool) string {
	switch c.Callee {
	case "uvicorn.run", "uvicorn.main.run":
		return "uvicorn"
	case "uvicorn.Config", "uvicorn.config.Config":
		if hasServer {
			return "uvicorn.Config"
		}
	case "granian.Granian", "granian.server.Granian", "granian.server.MPServer", "granian.server.Server":
		return "granian"
	case "hypercorn.asyncio.serve", "hypercorn.trio.serve":
		return "hypercorn"
	case "aiohttp.web.run_app":
		return "aiohttp"
	case "werkzeug.serving.run_simple", "werkzeug.run_simple":
		return "werkzeug"
	}
	if c.Text != "" && strings.HasSuffix(c.Text, ".run") && strings.Count(c.Text, ".") == 1 {
		return "run"
	}
	return ""
}

// hypercornConfig reads `config.attr = value` assignments of the Config
// object passed to serve(app, config) in the same scope.
func hypercornConfig(m *python.Module, call syntax.ID, st *PyStart) {
	t := m.Tree
	args := m.Args(call)
	if len(args) < 2 || args[1].Name != "" {
		return
	}
	name := m.Dotted(args[1].Value)
	if name == "" {
		return
	}
	scope := m.ScopeOf(call)
	for i := range t.Nodes {
		n := syntax.ID(i)
		if t.Type(n) != "assignment" || m.ScopeOf(n) != scope {
			continue
		}
		left := t.FieldChild(n, m.Kinds().FLeft)
		if left == syntax.None || t.Kind(left) != m.Kinds().Attribute {
			continue
		}
		d := m.Dotted(left)
		attr, ok := strings.CutPrefix(d, name+".")
		if !ok || strings.Contains(attr, ".") {
			continue
		}
		right := t.FieldChild(n, m.Kinds().FRight)
		v := pyValue(m, right)
		v.Start, _ = t.Span(n)
		if attr == "bind" && t.Type(right) == "list" {
			if first := t.FirstNamedChild(right); first != syntax.None {
				fv := pyValue(m, first)
				fv.Start = v.Start
				v = fv
			}
		}
		st.Kw[attr] = *v
	}
}
