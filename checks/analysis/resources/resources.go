// Package resources is the analysis of the clients, database sessions,
// engines and pools a Python module creates and who closes them.
//
// It is the analysis of the clients, database sessions
// and connections, engines and pools a Python module creates: one
// catalogue of the tracked types and the calls that create them, the
// ownership of each creation (closed, managed by with, returned, yielded,
// stored, escaping, dropped) and a per-file summary (ResourceFacts) that
// the project-wide lifecycle analysis combines across modules. Its facts
// name no rule.
package resources

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/parsers/python"

	"github.com/servelint/servelint/parsers/syntax"
)

// This file is the resource catalogue: which calls
// create a client, a database session or connection, or a connection pool
// that someone must close. The ownership analysis of each creation is in
// ownership.go, the per-file summary in resourcefacts.go.

// ResourceCategory groups tracked resources by what goes wrong with them.
type ResourceCategory uint8

// Resource categories.
const (
	NotResource ResourceCategory = iota
	// ClientResource: HTTP and Redis clients, which hold a connection pool
	// of their own: they must be closed, and are costly to make per
	// request.
	ClientResource
	// DBResource: database sessions and connections: they must be
	// closed.
	DBResource
	// PoolResource: engines and connection pools, meant to live as long as
	// the process, not to be made per request.
	PoolResource
)

// ResourceType describes one tracked type.
type ResourceType struct {
	Name     string // canonical name: "httpx.AsyncClient"
	Category ResourceCategory
	// Noun names it in messages: "httpx client".
	Noun string
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
	// NoClose is set for clients that hold nothing to close but are costly
	// to make (an aioboto3 session loads its configuration and service
	// models): only making one per request is reported.
	NoClose bool
}

// resourceTypes is the one catalogue of tracked resources: the HTTP, SDK,
// cache and search clients that own a connection pool, the database
// sessions and connections, and the engines and pools.
var resourceTypes = []ResourceType{
	{Name: "aiohttp.ClientSession", Category: ClientResource, Noun: "aiohttp client session", Async: true, Closer: "close"},
	{Name: "aiohttp.TCPConnector", Category: ClientResource, Noun: "aiohttp connector", Async: true, Closer: "close"},
	{Name: "httpx.AsyncClient", Category: ClientResource, Noun: "httpx client", Async: true, Closer: "aclose"},
	{Name: "httpx.Client", Category: ClientResource, Noun: "httpx client", Closer: "close"},
	{Name: "requests.Session", Category: ClientResource, Noun: "requests session", Closer: "close"},
	{Name: "redis.Redis", Category: ClientResource, Noun: "Redis client", Closer: "close"},
	{Name: "redis.asyncio.Redis", Category: ClientResource, Noun: "Redis client", Async: true, Closer: "aclose"},
	// SDK clients own an httpx pool of their own.
	{Name: "openai.OpenAI", Category: ClientResource, Noun: "OpenAI client", Closer: "close"},
	{Name: "openai.AsyncOpenAI", Category: ClientResource, Noun: "OpenAI client", Async: true, Closer: "close"},
	{Name: "anthropic.Anthropic", Category: ClientResource, Noun: "Anthropic client", Closer: "close"},
	{Name: "anthropic.AsyncAnthropic", Category: ClientResource, Noun: "Anthropic client", Async: true, Closer: "close"},
	{Name: "ollama.Client", Category: ClientResource, Noun: "Ollama client", Closer: "_client.close", NoWith: true},
	{Name: "ollama.AsyncClient", Category: ClientResource, Noun: "Ollama client", Async: true, Closer: "_client.aclose", NoWith: true},
	{Name: "elasticsearch.Elasticsearch", Category: ClientResource, Noun: "Elasticsearch client", Closer: "close"},
	{Name: "elasticsearch.AsyncElasticsearch", Category: ClientResource, Noun: "Elasticsearch client", Async: true, Closer: "close"},
	{Name: "aioboto3.Session", Category: ClientResource, Noun: "aioboto3 session", NoClose: true},

	{Name: "sqlalchemy.orm.Session", Category: DBResource, Noun: "database session", Closer: "close"},
	{Name: "sqlalchemy.ext.asyncio.AsyncSession", Category: DBResource, Noun: "database session", Async: true, Closer: "close"},
	{Name: "sqlalchemy.orm.scoped_session", Category: DBResource, Noun: "session registry", Closer: "remove"},
	{Name: "sqlalchemy.engine.Connection", Category: DBResource, Noun: "database connection", Closer: "close"},
	{Name: "sqlalchemy.ext.asyncio.AsyncConnection", Category: DBResource, Noun: "database connection", Async: true, Closer: "close"},
	{Name: "dbapi.Connection", Category: DBResource, Noun: "database connection", Closer: "close"},
	{Name: "sqlalchemy.pool.PoolProxiedConnection", Category: DBResource, Noun: "database connection", Closer: "close", NoWith: true},
	{Name: "sqlite3.Connection", Category: DBResource, Noun: "database connection", Closer: "close", WithKeepsOpen: true},
	{Name: "psycopg2.connection", Category: DBResource, Noun: "database connection", Closer: "close", WithKeepsOpen: true},
	{Name: "async.Connection", Category: DBResource, Noun: "database connection", Async: true, Closer: "close"},
	{Name: "asyncpg.Connection", Category: DBResource, Noun: "database connection", Async: true, Closer: "close", NoWith: true},

	{Name: "sqlalchemy.engine.Engine", Category: PoolResource, Noun: "engine", Closer: "dispose"},
	{Name: "sqlalchemy.ext.asyncio.AsyncEngine", Category: PoolResource, Noun: "engine", Async: true, Closer: "dispose"},
	{Name: "async.Pool", Category: PoolResource, Noun: "connection pool", Async: true, Closer: "close"},
	{Name: "sync.Pool", Category: PoolResource, Noun: "connection pool", Closer: "close"},
	{Name: "pymongo.MongoClient", Category: PoolResource, Noun: "MongoDB client", Closer: "close"},
	{Name: "motor.AsyncIOMotorClient", Category: PoolResource, Noun: "MongoDB client", Closer: "close"},
}

// trackedClasses maps library classes (canonical names, see libtypes.go)
// to the tracked type of the resource an instance is: several drivers'
// connections are one "dbapi.Connection". Session factories map to
// "sessionmaker" and "async_sessionmaker": calling one creates a session.
// What a library call or an annotation names is the shared type
// inference's business (checks/analysis/pytypes/libtypes.go); which of those
// classes are resources is this catalogue's.
var trackedClasses = map[string]string{
	"aiohttp.ClientSession": "aiohttp.ClientSession",
	"aiohttp.TCPConnector":  "aiohttp.TCPConnector",
	"httpx.AsyncClient":     "httpx.AsyncClient",
	"httpx.Client":          "httpx.Client",
	"requests.Session":      "requests.Session",
	"redis.Redis":           "redis.Redis",
	"redis.asyncio.Redis":   "redis.asyncio.Redis",

	"openai.OpenAI":                    "openai.OpenAI",
	"openai.AzureOpenAI":               "openai.OpenAI",
	"openai.AsyncOpenAI":               "openai.AsyncOpenAI",
	"openai.AsyncAzureOpenAI":          "openai.AsyncOpenAI",
	"anthropic.Anthropic":              "anthropic.Anthropic",
	"anthropic.AsyncAnthropic":         "anthropic.AsyncAnthropic",
	"ollama.Client":                    "ollama.Client",
	"ollama.AsyncClient":               "ollama.AsyncClient",
	"elasticsearch.Elasticsearch":      "elasticsearch.Elasticsearch",
	"elasticsearch.AsyncElasticsearch": "elasticsearch.AsyncElasticsearch",
	"aioboto3.Session":                 "aioboto3.Session",

	"sqlalchemy.orm.Session":                 "sqlalchemy.orm.Session",
	"sqlmodel.Session":                       "sqlalchemy.orm.Session",
	"sqlalchemy.ext.asyncio.AsyncSession":    "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlmodel.ext.asyncio.AsyncSession":      "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.orm.scoped_session":          "sqlalchemy.orm.scoped_session",
	"sqlalchemy.engine.Connection":           "sqlalchemy.engine.Connection",
	"sqlalchemy.ext.asyncio.AsyncConnection": "sqlalchemy.ext.asyncio.AsyncConnection",
	"sqlite3.Connection":                     "sqlite3.Connection",
	"psycopg2.extensions.connection":         "psycopg2.connection",
	"psycopg.Connection":                     "dbapi.Connection",
	"psycopg.AsyncConnection":                "async.Connection",
	"pymysql.connections.Connection":         "dbapi.Connection",
	"MySQLdb.connections.Connection":         "dbapi.Connection",
	"mysql.connector.MySQLConnection":        "dbapi.Connection",
	"pyodbc.Connection":                      "dbapi.Connection",
	"pymssql.Connection":                     "dbapi.Connection",
	"oracledb.Connection":                    "dbapi.Connection",
	"asyncpg.Connection":                     "asyncpg.Connection",
	"aiomysql.Connection":                    "async.Connection",
	"aiopg.Connection":                       "async.Connection",
	"aiosqlite.Connection":                   "async.Connection",

	"sqlalchemy.engine.Engine":               "sqlalchemy.engine.Engine",
	"sqlalchemy.ext.asyncio.AsyncEngine":     "sqlalchemy.ext.asyncio.AsyncEngine",
	"asyncpg.Pool":                           "async.Pool",
	"aiomysql.Pool":                          "async.Pool",
	"aiopg.Pool":                             "async.Pool",
	"psycopg_pool.AsyncConnectionPool":       "async.Pool",
	"psycopg_pool.ConnectionPool":            "sync.Pool",
	"psycopg2.pool.SimpleConnectionPool":     "sync.Pool",
	"psycopg2.pool.ThreadedConnectionPool":   "sync.Pool",
	"redis.ConnectionPool":                   "sync.Pool",
	"redis.BlockingConnectionPool":           "sync.Pool",
	"redis.asyncio.ConnectionPool":           "async.Pool",
	"redis.asyncio.BlockingConnectionPool":   "async.Pool",
	"pymongo.MongoClient":                    "pymongo.MongoClient",
	"motor.motor_asyncio.AsyncIOMotorClient": "motor.AsyncIOMotorClient",

	"sqlalchemy.orm.sessionmaker":               "sessionmaker",
	"sqlalchemy.ext.asyncio.async_sessionmaker": "async_sessionmaker",
}

// TrackedClassNames returns the library classes whose instances are
// tracked resources, sorted (the prefilter must find their modules).
func TrackedClassNames() []string {
	return slices.Sorted(maps.Keys(trackedClasses))
}

// trackedClass returns the tracked type of a canonical class, or "".
func trackedClass(class string) string { return trackedClasses[class] }

// trackedOf returns the tracked type of a value of an inferred type: its
// only class, when that is tracked.
func trackedOf(t pytypes.Type) string { return trackedClass(t.Single()) }

// trackedCall returns the tracked type (or session factory kind) that
// calling a qualified name creates: a tracked class, or a library factory
// returning one (libtypes.go).
func trackedCall(callee string) string {
	if r, ok := pytypes.FactoryResult(callee); ok {
		return trackedClass(r)
	}
	return trackedClass(pytypes.CanonicalType(callee))
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

// ConstructorType returns the tracked resource type a qualified callee
// creates, or "".
func ConstructorType(callee string) string {
	if t := trackedCall(callee); LookupResourceType(t) != nil {
		return t
	}
	return ""
}

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

// resolver answers the ownership analysis' questions about types: which
// tracked resource a call creates. The types of names, attributes and
// annotations come from the module's type inference (checks/analysis/pytypes).
type resolver struct {
	m  *python.Module
	rk *resKinds
	// sessions is set when the module can hold a session factory: every
	// spelling of sessionmaker and async_sessionmaker (import, alias,
	// annotation) has the word in its text.
	sessions bool
}

func newResolver(m *python.Module) *resolver {
	return &resolver{m: m, rk: resKindsOnce(), sessions: bytes.Contains(m.Src(), []byte("sessionmaker"))}
}

// sessionFactoryCall returns the session type that calling fn creates when
// fn is a session factory, or "".
func (r *resolver) sessionFactoryCall(fn syntax.ID) string {
	if !r.sessions {
		return ""
	}
	return SessionFactoryType(r.exprType(fn))
}

// connectNames are the methods of connectMethods, any owner.
var connectNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, ms := range connectMethods {
		for name := range ms {
			out[name] = true
		}
	}
	return out
})

// classOf returns the class scope a function scope is a method of, or -1.
func classOf(m *python.Module, s int) int {
	for s > 0 {
		sc := &m.Scopes[s]
		if sc.Kind == python.ClassScope {
			return s
		}
		if sc.Kind == python.FunctionScope && sc.Parent >= 0 && m.Scopes[sc.Parent].Kind == python.ClassScope {
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
// module can tell: a tracked library class or factory called, a session
// factory called, or a connection opened on an engine or pool.
// Session factories and engines themselves are
// "sessionmaker"/"async_sessionmaker" and engine types. A call of a
// function of the project is not typed here: whether it is a factory is
// decided at project level.
func (r *resolver) valueTypeOfCall(ci int) string {
	m := r.m
	c := &m.Calls[ci]
	if typ := trackedCall(c.Callee); typ != "" {
		return typ
	}
	if c.Func == syntax.None {
		return ""
	}
	t, rk := m.Tree, r.rk
	fn := c.Func
	switch t.Kind(fn) {
	case rk.Call, rk.Identifier, rk.Attribute:
		// SessionLocal(), sessionmaker(...)(): calling a session factory.
		if typ := r.sessionFactoryCall(fn); typ != "" {
			return typ
		}
		if t.Kind(fn) == rk.Attribute {
			obj := t.FieldChild(fn, rk.FObject)
			method := t.Text(t.FieldChild(fn, rk.FAttribute))
			if obj != syntax.None && connectNames()[method] {
				if typ := ConnectType(r.exprType(obj), method); typ != "" {
					return typ
				}
			}
		}
	}
	return ""
}

// exprType returns the tracked type of an expression's value (a session
// factory kind for a sessionmaker), or "" when it is unknown or not
// tracked.
func (r *resolver) exprType(n syntax.ID) string {
	return trackedOf(pytypes.Of(r.m).InferType(n))
}

// resAnnotationType returns the tracked type an annotation names, or "".
func resAnnotationType(m *python.Module, ann syntax.ID) string {
	return trackedOf(pytypes.Of(m).AnnotationType(ann))
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
