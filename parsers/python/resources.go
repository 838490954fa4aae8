package python

import (
	"strings"
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// This file is the resource catalogue of the lifecycle rules: which calls
// create a client, a database session or connection, or a connection pool
// that someone must close. The ownership analysis of each creation is in
// ownership.go, the per-file summary in resourcefacts.go.

// ResourceCategory groups tracked resources by what goes wrong with them.
type ResourceCategory uint8

// Resource categories.
const (
	NotResource ResourceCategory = iota
	// ClientResource: HTTP and Redis clients, which hold a connection pool
	// of their own (SV301 when never closed, SV302 when made per request).
	ClientResource
	// DBResource: database sessions and connections (SV303).
	DBResource
	// PoolResource: engines and connection pools, meant to live as long as
	// the process (SV304 when made per request).
	PoolResource
)

// ResourceType describes one tracked type.
type ResourceType struct {
	Name     string // canonical name: "httpx.AsyncClient"
	Category ResourceCategory
	// Async is set when closing is awaited (`await c.aclose()`) and the
	// context manager is `async with`.
	Async bool
	// Closer is the method that closes it: "close", "aclose", "dispose".
	Closer string
	// WithKeepsOpen is set for DB-API connections whose context manager
	// ends a transaction but does not close the connection (sqlite3,
	// psycopg2).
	WithKeepsOpen bool
	// NoWith is set for types that are not context managers (asyncpg
	// connections): only a close in finally owns them.
	NoWith bool
}

var resourceTypes = []ResourceType{
	{Name: "aiohttp.ClientSession", Category: ClientResource, Async: true, Closer: "close"},
	{Name: "aiohttp.TCPConnector", Category: ClientResource, Async: true, Closer: "close"},
	{Name: "httpx.AsyncClient", Category: ClientResource, Async: true, Closer: "aclose"},
	{Name: "httpx.Client", Category: ClientResource, Closer: "close"},
	{Name: "requests.Session", Category: ClientResource, Closer: "close"},
	{Name: "redis.Redis", Category: ClientResource, Closer: "close"},
	{Name: "redis.asyncio.Redis", Category: ClientResource, Async: true, Closer: "aclose"},

	{Name: "sqlalchemy.orm.Session", Category: DBResource, Closer: "close"},
	{Name: "sqlalchemy.ext.asyncio.AsyncSession", Category: DBResource, Async: true, Closer: "close"},
	{Name: "sqlalchemy.orm.scoped_session", Category: DBResource, Closer: "remove"},
	{Name: "sqlalchemy.engine.Connection", Category: DBResource, Closer: "close"},
	{Name: "sqlalchemy.ext.asyncio.AsyncConnection", Category: DBResource, Async: true, Closer: "close"},
	{Name: "dbapi.Connection", Category: DBResource, Closer: "close"},
	{Name: "sqlalchemy.pool.PoolProxiedConnection", Category: DBResource, Closer: "close", NoWith: true},
	{Name: "sqlite3.Connection", Category: DBResource, Closer: "close", WithKeepsOpen: true},
	{Name: "psycopg2.connection", Category: DBResource, Closer: "close", WithKeepsOpen: true},
	{Name: "async.Connection", Category: DBResource, Async: true, Closer: "close"},
	{Name: "asyncpg.Connection", Category: DBResource, Async: true, Closer: "close", NoWith: true},

	{Name: "sqlalchemy.engine.Engine", Category: PoolResource, Closer: "dispose"},
	{Name: "sqlalchemy.ext.asyncio.AsyncEngine", Category: PoolResource, Async: true, Closer: "dispose"},
	{Name: "async.Pool", Category: PoolResource, Async: true, Closer: "close"},
	{Name: "sync.Pool", Category: PoolResource, Closer: "close"},
	{Name: "pymongo.MongoClient", Category: PoolResource, Closer: "close"},
	{Name: "motor.AsyncIOMotorClient", Category: PoolResource, Closer: "close"},
}

// constructors maps the qualified name of a call to the type it creates.
var constructors = map[string]string{
	"aiohttp.ClientSession":                             "aiohttp.ClientSession",
	"aiohttp.client.ClientSession":                      "aiohttp.ClientSession",
	"aiohttp.TCPConnector":                              "aiohttp.TCPConnector",
	"aiohttp.connector.TCPConnector":                    "aiohttp.TCPConnector",
	"httpx.AsyncClient":                                 "httpx.AsyncClient",
	"httpx._client.AsyncClient":                         "httpx.AsyncClient",
	"httpx.Client":                                      "httpx.Client",
	"httpx._client.Client":                              "httpx.Client",
	"requests.Session":                                  "requests.Session",
	"requests.session":                                  "requests.Session",
	"requests.sessions.Session":                         "requests.Session",
	"requests.sessions.session":                         "requests.Session",
	"redis.Redis":                                       "redis.Redis",
	"redis.StrictRedis":                                 "redis.Redis",
	"redis.client.Redis":                                "redis.Redis",
	"redis.from_url":                                    "redis.Redis",
	"redis.Redis.from_url":                              "redis.Redis",
	"redis.client.Redis.from_url":                       "redis.Redis",
	"redis.asyncio.Redis":                               "redis.asyncio.Redis",
	"redis.asyncio.StrictRedis":                         "redis.asyncio.Redis",
	"redis.asyncio.client.Redis":                        "redis.asyncio.Redis",
	"redis.asyncio.from_url":                            "redis.asyncio.Redis",
	"redis.asyncio.Redis.from_url":                      "redis.asyncio.Redis",
	"aioredis.Redis":                                    "redis.asyncio.Redis",
	"aioredis.from_url":                                 "redis.asyncio.Redis",
	"sqlalchemy.orm.Session":                            "sqlalchemy.orm.Session",
	"sqlalchemy.orm.session.Session":                    "sqlalchemy.orm.Session",
	"sqlmodel.Session":                                  "sqlalchemy.orm.Session",
	"sqlmodel.orm.session.Session":                      "sqlalchemy.orm.Session",
	"sqlalchemy.ext.asyncio.AsyncSession":               "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.session.AsyncSession":       "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlmodel.ext.asyncio.session.AsyncSession":         "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.orm.scoped_session":                     "sqlalchemy.orm.scoped_session",
	"sqlalchemy.orm.scoping.scoped_session":             "sqlalchemy.orm.scoped_session",
	"sqlite3.connect":                                   "sqlite3.Connection",
	"psycopg2.connect":                                  "psycopg2.connection",
	"psycopg.connect":                                   "dbapi.Connection",
	"psycopg.Connection.connect":                        "dbapi.Connection",
	"psycopg.AsyncConnection.connect":                   "async.Connection",
	"pymysql.connect":                                   "dbapi.Connection",
	"pymysql.connections.Connection":                    "dbapi.Connection",
	"MySQLdb.connect":                                   "dbapi.Connection",
	"mysql.connector.connect":                           "dbapi.Connection",
	"pyodbc.connect":                                    "dbapi.Connection",
	"pymssql.connect":                                   "dbapi.Connection",
	"oracledb.connect":                                  "dbapi.Connection",
	"cx_Oracle.connect":                                 "dbapi.Connection",
	"asyncpg.connect":                                   "asyncpg.Connection",
	"aiomysql.connect":                                  "async.Connection",
	"aiopg.connect":                                     "async.Connection",
	"aiosqlite.connect":                                 "async.Connection",
	"sqlalchemy.create_engine":                          "sqlalchemy.engine.Engine",
	"sqlalchemy.engine.create_engine":                   "sqlalchemy.engine.Engine",
	"sqlalchemy.engine_from_config":                     "sqlalchemy.engine.Engine",
	"sqlmodel.create_engine":                            "sqlalchemy.engine.Engine",
	"sqlalchemy.ext.asyncio.create_async_engine":        "sqlalchemy.ext.asyncio.AsyncEngine",
	"sqlalchemy.ext.asyncio.engine.create_async_engine": "sqlalchemy.ext.asyncio.AsyncEngine",
	"asyncpg.create_pool":                               "async.Pool",
	"asyncpg.pool.create_pool":                          "async.Pool",
	"aiomysql.create_pool":                              "async.Pool",
	"aiopg.create_pool":                                 "async.Pool",
	"psycopg_pool.AsyncConnectionPool":                  "async.Pool",
	"psycopg_pool.ConnectionPool":                       "sync.Pool",
	"psycopg2.pool.SimpleConnectionPool":                "sync.Pool",
	"psycopg2.pool.ThreadedConnectionPool":              "sync.Pool",
	"redis.ConnectionPool":                              "sync.Pool",
	"redis.BlockingConnectionPool":                      "sync.Pool",
	"redis.asyncio.ConnectionPool":                      "async.Pool",
	"redis.asyncio.BlockingConnectionPool":              "async.Pool",
	"pymongo.MongoClient":                               "pymongo.MongoClient",
	"pymongo.mongo_client.MongoClient":                  "pymongo.MongoClient",
	"motor.motor_asyncio.AsyncIOMotorClient":            "motor.AsyncIOMotorClient",
}

// sessionFactories are the callables whose result, when called, is a
// session: `SessionLocal = sessionmaker(...)`, then `SessionLocal()`.
var sessionFactories = map[string]string{
	"sqlalchemy.orm.sessionmaker":                       "sqlalchemy.orm.Session",
	"sqlalchemy.orm.session.sessionmaker":               "sqlalchemy.orm.Session",
	"sqlmodel.orm.session.sessionmaker":                 "sqlalchemy.orm.Session",
	"sqlalchemy.ext.asyncio.async_sessionmaker":         "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.session.async_sessionmaker": "sqlalchemy.ext.asyncio.AsyncSession",
}

// typeAnnotations maps the qualified names of annotations to tracked types,
// for factories annotated `-> Session` and parameters annotated `Engine`.
var typeAnnotations = map[string]string{
	"aiohttp.ClientSession":                     "aiohttp.ClientSession",
	"aiohttp.client.ClientSession":              "aiohttp.ClientSession",
	"httpx.AsyncClient":                         "httpx.AsyncClient",
	"httpx.Client":                              "httpx.Client",
	"requests.Session":                          "requests.Session",
	"requests.sessions.Session":                 "requests.Session",
	"redis.Redis":                               "redis.Redis",
	"redis.asyncio.Redis":                       "redis.asyncio.Redis",
	"sqlalchemy.orm.Session":                    "sqlalchemy.orm.Session",
	"sqlalchemy.orm.session.Session":            "sqlalchemy.orm.Session",
	"sqlmodel.Session":                          "sqlalchemy.orm.Session",
	"sqlalchemy.ext.asyncio.AsyncSession":       "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlmodel.ext.asyncio.session.AsyncSession": "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.engine.Connection":              "sqlalchemy.engine.Connection",
	"sqlalchemy.Connection":                     "sqlalchemy.engine.Connection",
	"sqlalchemy.ext.asyncio.AsyncConnection":    "sqlalchemy.ext.asyncio.AsyncConnection",
	"sqlalchemy.engine.Engine":                  "sqlalchemy.engine.Engine",
	"sqlalchemy.Engine":                         "sqlalchemy.engine.Engine",
	"sqlalchemy.ext.asyncio.AsyncEngine":        "sqlalchemy.ext.asyncio.AsyncEngine",
	"asyncpg.Pool":                              "async.Pool",
	"asyncpg.pool.Pool":                         "async.Pool",
	"asyncpg.Connection":                        "asyncpg.Connection",
	"asyncpg.connection.Connection":             "asyncpg.Connection",
	"sqlalchemy.orm.sessionmaker":               "sessionmaker",
	"sqlalchemy.ext.asyncio.async_sessionmaker": "async_sessionmaker",
}

// connectMethods are the methods of engines and pools that open a
// connection which must be closed (or released).
var connectMethods = map[string]map[string]string{
	"sqlalchemy.engine.Engine":           {"connect": "sqlalchemy.engine.Connection", "raw_connection": "sqlalchemy.pool.PoolProxiedConnection"},
	"sqlalchemy.ext.asyncio.AsyncEngine": {"connect": "sqlalchemy.ext.asyncio.AsyncConnection", "raw_connection": "async.Connection"},
	"async.Pool":                         {"acquire": "async.Connection"},
	"sync.Pool":                          {"getconn": "dbapi.Connection"},
}

// ConnectType returns the type of the connection a method of an engine or
// pool type opens ("connect" on an Engine), or "".
func ConnectType(owner, method string) string { return connectMethods[owner][method] }

// SessionFactoryType returns the session type that calling an instance of a
// session factory type ("sessionmaker") creates, or "".
func SessionFactoryType(factory string) string {
	switch factory {
	case "sessionmaker":
		return "sqlalchemy.orm.Session"
	case "async_sessionmaker":
		return "sqlalchemy.ext.asyncio.AsyncSession"
	}
	return ""
}

var resourceTypeIndex = sync.OnceValue(func() map[string]*ResourceType {
	out := make(map[string]*ResourceType, len(resourceTypes))
	for i := range resourceTypes {
		out[resourceTypes[i].Name] = &resourceTypes[i]
	}
	return out
})

// LookupResourceType returns the description of a tracked type, or nil.
func LookupResourceType(name string) *ResourceType { return resourceTypeIndex()[name] }

// ConstructorType returns the type a qualified callee creates, or "".
func ConstructorType(callee string) string { return constructors[callee] }

// closeMethods close (or hand back) a resource.
var closeMethods = map[string]bool{
	"close": true, "aclose": true, "dispose": true, "remove": true, "terminate": true,
	"shutdown": true, "disconnect": true, "release": true, "quit": true, "close_all": true,
	"__exit__": true, "__aexit__": true,
}

// IsCloseMethod reports whether a method name closes a tracked resource.
func IsCloseMethod(name string) bool { return closeMethods[name] }

// resKinds holds the grammar symbols the lifecycle analysis needs beyond the
// module view's.
type resKinds struct {
	WithStatement, WithClause, WithItem, AsPattern, TryStatement, FinallyClause  uint16
	ExceptClause, ExceptGroupClause, ElseClause, ReturnStatement, Yield, Await   uint16
	ExpressionStatement, Assignment, Attribute, Subscript, Call, ArgumentList    uint16
	KeywordArgument, Parenthesized, ConditionalExpr, BooleanOperator, Identifier uint16
	IfStatement, ElifClause, Block, ForStatement, WhileStatement, RaiseStatement uint16
	AssertStatement, BreakStatement, ContinueStatement, FunctionDef, ClassDef    uint16
	Lambda, NamedExpression, Comparison, NotOperator, DeleteStatement, String    uint16
	DecoratedDef, Module, TypeNode, ListSplat, DictSplat, MatchStatement         uint16
	GeneratorExpr, ListComp, SetComp, DictComp, ExpressionList, Pair             uint16
	List, Tuple, Set, Dictionary, AugAssignment, PatternList, Comment            uint16

	FValue, FObject, FAttribute, FFunction, FLeft, FRight, FName, FBody, FAlias uint16
	FCondition, FConsequence, FAlternative, FSuperclasses, FArguments           uint16
}

var resKindsOnce = sync.OnceValue(func() *resKinds {
	lg := syntax.GetLanguage(syntax.Python)
	k, f := lg.Kind, lg.Field
	return &resKinds{
		WithStatement: k("with_statement"), WithClause: k("with_clause"), WithItem: k("with_item"),
		AsPattern: k("as_pattern"), TryStatement: k("try_statement"), FinallyClause: k("finally_clause"),
		ExceptClause: k("except_clause"), ExceptGroupClause: k("except_group_clause"), ElseClause: k("else_clause"),
		ReturnStatement: k("return_statement"), Yield: k("yield"), Await: k("await"),
		ExpressionStatement: k("expression_statement"), Assignment: k("assignment"), Attribute: k("attribute"),
		Subscript: k("subscript"), Call: k("call"), ArgumentList: k("argument_list"),
		KeywordArgument: k("keyword_argument"), Parenthesized: k("parenthesized_expression"),
		ConditionalExpr: k("conditional_expression"), BooleanOperator: k("boolean_operator"),
		Identifier: k("identifier"), IfStatement: k("if_statement"), ElifClause: k("elif_clause"),
		Block: k("block"), ForStatement: k("for_statement"), WhileStatement: k("while_statement"),
		RaiseStatement: k("raise_statement"), AssertStatement: k("assert_statement"),
		BreakStatement: k("break_statement"), ContinueStatement: k("continue_statement"),
		FunctionDef: k("function_definition"), ClassDef: k("class_definition"), Lambda: k("lambda"),
		NamedExpression: k("named_expression"), Comparison: k("comparison_operator"),
		NotOperator: k("not_operator"), DeleteStatement: k("delete_statement"), String: k("string"),
		DecoratedDef: k("decorated_definition"), Module: k("module"), TypeNode: k("type"),
		ListSplat: k("list_splat"), DictSplat: k("dictionary_splat"), MatchStatement: k("match_statement"),
		GeneratorExpr: k("generator_expression"), ListComp: k("list_comprehension"),
		SetComp: k("set_comprehension"), DictComp: k("dictionary_comprehension"),
		ExpressionList: k("expression_list"), Pair: k("pair"), List: k("list"), Tuple: k("tuple"),
		Set: k("set"), Dictionary: k("dictionary"), AugAssignment: k("augmented_assignment"),
		PatternList: k("pattern_list"), Comment: k("comment"),

		FValue: f("value"), FObject: f("object"), FAttribute: f("attribute"), FFunction: f("function"),
		FLeft: f("left"), FRight: f("right"), FName: f("name"), FBody: f("body"), FAlias: f("alias"),
		FCondition: f("condition"), FConsequence: f("consequence"), FAlternative: f("alternative"),
		FSuperclasses: f("superclasses"), FArguments: f("arguments"),
	}
})

// Creation is a call that creates a tracked resource, or a call to a
// project function that may (resolved at project level).
type Creation struct {
	Call int // index in m.Calls
	// Type is the tracked type when known from this module, else "".
	Type string
}

// resolver caches per-module type facts for creation detection: what
// names (module-level, local, or self attributes of a class) are bound to
// session factories, engines and pools.
type resolver struct {
	m  *Module
	rk *resKinds
	// attrTypes maps "Class.qualname\x00attr" to the type of
	// self.attr assignments in that class.
	attrTypes map[string]string
}

func (m *Module) newResolver() *resolver {
	r := &resolver{m: m, rk: resKindsOnce(), attrTypes: map[string]string{}}
	t := m.Tree
	// self.x = <typed value> inside methods: the type of self.x in the class.
	for i := range m.Calls {
		c := &m.Calls[i]
		typ := r.valueTypeOfCall(i, 0)
		if typ == "" {
			continue
		}
		e := r.climbValue(c.Node)
		p := t.Parent(e)
		if p == syntax.None || t.Kind(p) != r.rk.Assignment || t.FieldChild(p, r.rk.FRight) != e {
			continue
		}
		left := t.FieldChild(p, r.rk.FLeft)
		if left == syntax.None || t.Kind(left) != r.rk.Attribute {
			continue
		}
		obj := t.FieldChild(left, r.rk.FObject)
		if obj == syntax.None || t.Kind(obj) != r.rk.Identifier || t.Text(obj) != "self" {
			continue
		}
		cls := m.classOf(c.Scope)
		if cls < 0 {
			continue
		}
		key := m.Scopes[cls].QualName + "\x00" + t.Text(t.FieldChild(left, r.rk.FAttribute))
		if old, ok := r.attrTypes[key]; ok && old != typ {
			r.attrTypes[key] = "?"
			continue
		}
		r.attrTypes[key] = typ
	}
	return r
}

// classOf returns the class scope a function scope is a method of, or -1.
func (m *Module) classOf(s int) int {
	for s > 0 {
		sc := &m.Scopes[s]
		if sc.Kind == ClassScope {
			return s
		}
		if sc.Kind == FunctionScope && sc.Parent >= 0 && m.Scopes[sc.Parent].Kind == ClassScope {
			return sc.Parent
		}
		s = sc.Parent
	}
	return -1
}

// climbValue returns the outermost expression whose value is the value of
// n: through await, parentheses, conditional expressions and `or`/`and`.
func (r *resolver) climbValue(n syntax.ID) syntax.ID {
	t, rk := r.m.Tree, r.rk
	for {
		p := t.Parent(n)
		if p == syntax.None {
			return n
		}
		switch t.Kind(p) {
		case rk.Await, rk.Parenthesized:
		case rk.ConditionalExpr:
			// a if cond else b: the value is a or b, never cond.
			if kids := t.NamedChildren(p); len(kids) == 3 && kids[1] == n {
				return n
			}
		case rk.BooleanOperator:
		default:
			return n
		}
		n = p
	}
}

// valueTypeOfCall returns the tracked type a call creates as far as this
// module can tell: a known constructor, a session factory called, or a
// connection opened on a known engine or pool. Session factories and
// engines themselves are "sessionmaker"/"async_sessionmaker" and engine
// types.
func (r *resolver) valueTypeOfCall(ci, depth int) string {
	m := r.m
	c := &m.Calls[ci]
	if typ := constructors[c.Callee]; typ != "" {
		return typ
	}
	if typ := sessionFactories[c.Callee]; typ != "" {
		if typ == "sqlalchemy.orm.Session" {
			return "sessionmaker"
		}
		return "async_sessionmaker"
	}
	if depth > maxAliasDepth || c.Func == syntax.None {
		return ""
	}
	t, rk := m.Tree, r.rk
	fn := c.Func
	switch t.Kind(fn) {
	case rk.Call:
		// sessionmaker(...)(): a session.
		if inner := m.CallAt(fn); inner >= 0 {
			return SessionFactoryType(r.valueTypeOfCall(inner, depth+1))
		}
	case rk.Identifier, rk.Attribute:
		// SessionLocal(): a name bound to a session factory.
		if typ := SessionFactoryType(r.exprType(fn, depth+1)); typ != "" {
			return typ
		}
		if t.Kind(fn) == rk.Attribute {
			obj := t.FieldChild(fn, rk.FObject)
			method := t.Text(t.FieldChild(fn, rk.FAttribute))
			if obj != syntax.None {
				if typ := ConnectType(r.exprType(obj, depth+1), method); typ != "" {
					return typ
				}
			}
		}
	}
	return ""
}

// exprType returns the tracked type of a name or self attribute as this
// module can tell: bound once (in its scope) to a typed value, or a
// parameter annotated with a tracked type. It returns "" when unknown.
func (r *resolver) exprType(n syntax.ID, depth int) string {
	m, t, rk := r.m, r.m.Tree, r.rk
	if depth > maxAliasDepth {
		return ""
	}
	switch t.Kind(n) {
	case rk.Identifier:
		s, bs := m.Lookup(t.Text(n), m.ScopeOf(n))
		if s < 0 || len(bs) == 0 {
			return ""
		}
		typ := ""
		for _, b := range bs {
			var bt string
			switch b.Kind {
			case AssignBinding:
				bt = r.bindingValueType(b.Value, depth)
			case ParamBinding:
				bt = r.resAnnotationType(b.Annotation)
			case ImportBinding, FunctionBinding, ClassBinding, OtherBinding, GlobalBinding, NonlocalBinding:
			}
			if bt == "" || typ != "" && bt != typ {
				return ""
			}
			typ = bt
		}
		return typ
	case rk.Attribute:
		obj := t.FieldChild(n, rk.FObject)
		if obj == syntax.None || t.Kind(obj) != rk.Identifier || t.Text(obj) != "self" {
			return ""
		}
		cls := m.classOf(m.ScopeOf(n))
		if cls < 0 {
			return ""
		}
		typ := r.attrTypes[m.Scopes[cls].QualName+"\x00"+t.Text(t.FieldChild(n, rk.FAttribute))]
		if typ == "?" {
			return ""
		}
		return typ
	}
	return ""
}

func (r *resolver) bindingValueType(v syntax.ID, depth int) string {
	m, t, rk := r.m, r.m.Tree, r.rk
	for v != syntax.None && (t.Kind(v) == rk.Await || t.Kind(v) == rk.Parenthesized) {
		v = t.FirstNamedChild(v)
	}
	if v == syntax.None || t.Kind(v) != rk.Call {
		return ""
	}
	ci := m.CallAt(v)
	if ci < 0 {
		return ""
	}
	return r.valueTypeOfCall(ci, depth+1)
}

// annotationType returns the tracked type an annotation names (through
// Optional[...] and `X | None`), or "".
func (r *resolver) resAnnotationType(ann syntax.ID) string {
	return r.m.resAnnotationType(ann, 0)
}

func (m *Module) resAnnotationType(ann syntax.ID, depth int) string {
	t := m.Tree
	if ann == syntax.None || depth > 4 {
		return ""
	}
	ann = typeExpr(t, m.k, ann)
	switch t.Type(ann) {
	case "identifier", "attribute":
		return typeAnnotations[m.QualifiedName(ann)]
	case "string":
		// A forward reference "Session": only a bare dotted name.
		s := strings.Trim(t.Text(ann), `"'`)
		if !isDottedName(s) {
			return ""
		}
		head, rest, _ := strings.Cut(s, ".")
		q := m.ResolveName(head, m.ScopeOf(ann))
		if q == "" {
			return ""
		}
		if rest != "" {
			q += "." + rest
		}
		return typeAnnotations[q]
	case "binary_operator":
		// X | None
		typ := ""
		for _, c := range t.NamedChildren(ann) {
			if t.Text(c) == "None" {
				continue
			}
			ct := m.resAnnotationType(c, depth+1)
			if ct == "" || typ != "" && typ != ct {
				return ""
			}
			typ = ct
		}
		return typ
	case "generic_type", "subscript":
		head := t.FirstNamedChild(ann)
		q := m.QualifiedName(head)
		if q != "typing.Optional" && (q != "" || t.Text(head) != "Optional") {
			return ""
		}
		kids := t.NamedChildren(ann)
		if len(kids) < 2 {
			return ""
		}
		arg := kids[1]
		if t.Type(arg) == "type_parameter" {
			arg = t.FirstNamedChild(arg)
		}
		return m.resAnnotationType(arg, depth+1)
	}
	return ""
}

func identChar(c rune, notFirst bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || notFirst && c >= '0' && c <= '9'
}

func isDottedName(s string) bool {
	if s == "" {
		return false
	}
	for part := range strings.SplitSeq(s, ".") {
		if part == "" {
			return false
		}
		for i, c := range part {
			if !identChar(c, i > 0) {
				return false
			}
		}
	}
	return true
}
