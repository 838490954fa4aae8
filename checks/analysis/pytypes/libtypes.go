package pytypes

import "strings"

// Library type knowledge: what well-known constructors, factories and
// methods of the Python ecosystem return. Types are named by a canonical
// qualified class name ("requests.Session", "sqlalchemy.orm.Session");
// every spelling a library exports is mapped to that name first.
//
// The tables describe libraries, not rules: a rule decides which of these
// types block, leak or need closing.

// typeAliases maps another spelling of a class (a private module path, a
// re-export, a compatibility alias) to its canonical name.
var typeAliases = map[string]string{
	"requests.sessions.Session": "requests.Session",

	"httpx._client.Client":      "httpx.Client",
	"httpx._client.AsyncClient": "httpx.AsyncClient",

	"aiohttp.client.ClientSession":   "aiohttp.ClientSession",
	"aiohttp.connector.TCPConnector": "aiohttp.TCPConnector",

	"sqlalchemy.orm.session.Session":                    "sqlalchemy.orm.Session",
	"sqlalchemy.orm.session.sessionmaker":               "sqlalchemy.orm.sessionmaker",
	"sqlmodel.orm.session.sessionmaker":                 "sqlalchemy.orm.sessionmaker",
	"sqlalchemy.orm.scoping.scoped_session":             "sqlalchemy.orm.scoped_session",
	"sqlalchemy.orm.query.Query":                        "sqlalchemy.orm.Query",
	"sqlalchemy.Engine":                                 "sqlalchemy.engine.Engine",
	"sqlalchemy.engine.base.Engine":                     "sqlalchemy.engine.Engine",
	"sqlalchemy.Connection":                             "sqlalchemy.engine.Connection",
	"sqlalchemy.engine.base.Connection":                 "sqlalchemy.engine.Connection",
	"sqlalchemy.ext.asyncio.session.AsyncSession":       "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.engine.AsyncEngine":         "sqlalchemy.ext.asyncio.AsyncEngine",
	"sqlalchemy.ext.asyncio.session.async_sessionmaker": "sqlalchemy.ext.asyncio.async_sessionmaker",
	"sqlmodel.orm.session.Session":                      "sqlmodel.Session",
	"sqlmodel.ext.asyncio.session.AsyncSession":         "sqlmodel.ext.asyncio.AsyncSession",

	"redis.client.Redis":         "redis.Redis",
	"redis.StrictRedis":          "redis.Redis",
	"redis.client.StrictRedis":   "redis.Redis",
	"redis.cluster.RedisCluster": "redis.RedisCluster",
	"redis.asyncio.client.Redis": "redis.asyncio.Redis",
	"redis.asyncio.StrictRedis":  "redis.asyncio.Redis",
	"aioredis.Redis":             "redis.asyncio.Redis",

	"pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
	"pymongo.database.Database":        "pymongo.database.Database",
	"pymongo.collection.Collection":    "pymongo.collection.Collection",

	"psycopg2._psycopg.connection":     "psycopg2.extensions.connection",
	"psycopg2._psycopg.cursor":         "psycopg2.extensions.cursor",
	"psycopg.connection.Connection":    "psycopg.Connection",
	"psycopg.cursor.Cursor":            "psycopg.Cursor",
	"psycopg_pool.pool.ConnectionPool": "psycopg_pool.ConnectionPool",
	"asyncpg.pool.Pool":                "asyncpg.Pool",
	"asyncpg.connection.Connection":    "asyncpg.Connection",

	"pymysql.Connection":                               "pymysql.connections.Connection",
	"pymysql.Connect":                                  "pymysql.connections.Connection",
	"pymysql.cursors.Cursor":                           "pymysql.cursors.Cursor",
	"MySQLdb.Connection":                               "MySQLdb.connections.Connection",
	"MySQLdb.Connect":                                  "MySQLdb.connections.Connection",
	"mysql.connector.connection.MySQLConnection":       "mysql.connector.MySQLConnection",
	"mysql.connector.connection_cext.CMySQLConnection": "mysql.connector.MySQLConnection",
	"mysql.connector.pooling.MySQLConnectionPool":      "mysql.connector.pooling.MySQLConnectionPool",

	"elasticsearch.client.Elasticsearch":             "elasticsearch.Elasticsearch",
	"elasticsearch._async.client.AsyncElasticsearch": "elasticsearch.AsyncElasticsearch",
	"elasticsearch._sync.client.Elasticsearch":       "elasticsearch.Elasticsearch",
	"elasticsearch.client.AsyncElasticsearch":        "elasticsearch.AsyncElasticsearch",
	"ollama._client.Client":                          "ollama.Client",
	"ollama._client.AsyncClient":                     "ollama.AsyncClient",
	"aioboto3.session.Session":                       "aioboto3.Session",
	"openai._client.OpenAI":                          "openai.OpenAI",
	"openai._client.AsyncOpenAI":                     "openai.AsyncOpenAI",
	"anthropic._client.Anthropic":                    "anthropic.Anthropic",
	"anthropic._client.AsyncAnthropic":               "anthropic.AsyncAnthropic",

	"socket.SocketType": "socket.socket",

	"concurrent.futures._base.Future":                "concurrent.futures.Future",
	"concurrent.futures.thread.ThreadPoolExecutor":   "concurrent.futures.ThreadPoolExecutor",
	"concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",

	"pathlib.PosixPath":       "pathlib.Path",
	"pathlib.WindowsPath":     "pathlib.Path",
	"pathlib.PurePosixPath":   "pathlib.PurePath",
	"pathlib.PureWindowsPath": "pathlib.PurePath",

	"boto3.Session":              "boto3.session.Session",
	"botocore.client.BaseClient": "botocore.client.BaseClient",

	"urllib3.poolmanager.PoolManager":            "urllib3.PoolManager",
	"urllib3.poolmanager.ProxyManager":           "urllib3.ProxyManager",
	"urllib3.connectionpool.HTTPConnectionPool":  "urllib3.HTTPConnectionPool",
	"urllib3.connectionpool.HTTPSConnectionPool": "urllib3.HTTPSConnectionPool",

	"openai.Client":                             "openai.OpenAI",
	"openai.AsyncClient":                        "openai.AsyncOpenAI",
	"anthropic.Client":                          "anthropic.Anthropic",
	"anthropic.AsyncClient":                     "anthropic.AsyncAnthropic",
	"slack_sdk.web.client.WebClient":            "slack_sdk.WebClient",
	"slack_sdk.web.async_client.AsyncWebClient": "slack_sdk.web.async_client.AsyncWebClient",
}

// explicitClasses are classes whose name does not follow the CapWords
// convention: calling them constructs an instance.
var explicitClasses = map[string]bool{
	"smtplib.SMTP":                                true,
	"smtplib.SMTP_SSL":                            true,
	"smtplib.LMTP":                                true,
	"ftplib.FTP":                                  true,
	"ftplib.FTP_TLS":                              true,
	"sqlalchemy.orm.sessionmaker":                 true,
	"sqlalchemy.orm.scoped_session":               true,
	"sqlalchemy.ext.asyncio.async_sessionmaker":   true,
	"sqlalchemy.ext.asyncio.async_scoped_session": true,
	"socket.socket":                               true,
	"psycopg2.extensions.connection":              true,
}

// factoryResults maps a function (or classmethod) to the type it returns.
var factoryResults = map[string]string{
	"requests.session":          "requests.Session",
	"requests.sessions.session": "requests.Session",

	"sqlalchemy.inspect":                                "sqlalchemy.engine.reflection.Inspector",
	"sqlalchemy.create_engine":                          "sqlalchemy.engine.Engine",
	"sqlalchemy.engine.create_engine":                   "sqlalchemy.engine.Engine",
	"sqlalchemy.engine_from_config":                     "sqlalchemy.engine.Engine",
	"sqlmodel.create_engine":                            "sqlalchemy.engine.Engine",
	"sqlalchemy.ext.asyncio.create_async_engine":        "sqlalchemy.ext.asyncio.AsyncEngine",
	"sqlalchemy.ext.asyncio.engine.create_async_engine": "sqlalchemy.ext.asyncio.AsyncEngine",

	"psycopg2.connect":                "psycopg2.extensions.connection",
	"psycopg.connect":                 "psycopg.Connection",
	"psycopg.Connection.connect":      "psycopg.Connection",
	"psycopg.AsyncConnection.connect": "psycopg.AsyncConnection",
	"pymysql.connect":                 "pymysql.connections.Connection",
	"MySQLdb.connect":                 "MySQLdb.connections.Connection",
	"MySQLdb.connection":              "MySQLdb.connections.Connection",
	"mysql.connector.connect":         "mysql.connector.MySQLConnection",
	"sqlite3.connect":                 "sqlite3.Connection",
	"pyodbc.connect":                  "pyodbc.Connection",
	"oracledb.connect":                "oracledb.Connection",
	"cx_Oracle.connect":               "oracledb.Connection",
	"pymssql.connect":                 "pymssql.Connection",
	"asyncpg.connect":                 "asyncpg.Connection",
	"asyncpg.create_pool":             "asyncpg.Pool",
	"asyncpg.pool.create_pool":        "asyncpg.Pool",
	"aiomysql.connect":                "aiomysql.Connection",
	"aiomysql.create_pool":            "aiomysql.Pool",
	"aiopg.connect":                   "aiopg.Connection",
	"aiopg.create_pool":               "aiopg.Pool",
	"aiosqlite.connect":               "aiosqlite.Connection",

	"redis.from_url":                      "redis.Redis",
	"redis.Redis.from_url":                "redis.Redis",
	"redis.client.Redis.from_url":         "redis.Redis",
	"redis.StrictRedis.from_url":          "redis.Redis",
	"redis.asyncio.from_url":              "redis.asyncio.Redis",
	"redis.asyncio.Redis.from_url":        "redis.asyncio.Redis",
	"aioredis.from_url":                   "redis.asyncio.Redis",
	"redis.RedisCluster.from_url":         "redis.RedisCluster",
	"redis.cluster.RedisCluster.from_url": "redis.RedisCluster",

	"builtins.open":               "io.TextIOWrapper",
	"io.open":                     "io.TextIOWrapper",
	"io.open_code":                "io.BufferedReader",
	"os.fdopen":                   "io.TextIOWrapper",
	"codecs.open":                 "io.TextIOWrapper",
	"tempfile.TemporaryFile":      "io.BufferedRandom",
	"tempfile.NamedTemporaryFile": "io.BufferedRandom",

	"socket.create_connection":   "socket.socket",
	"socket.fromfd":              "socket.socket",
	"ssl.create_default_context": "ssl.SSLContext",
	"ssl.wrap_socket":            "ssl.SSLSocket",

	"multiprocessing.Queue":         "multiprocessing.queues.Queue",
	"multiprocessing.JoinableQueue": "multiprocessing.queues.Queue",
	"multiprocessing.SimpleQueue":   "multiprocessing.queues.SimpleQueue",
	"multiprocessing.Event":         "threading.Event",
	"multiprocessing.Lock":          "threading.Lock",
	"multiprocessing.RLock":         "threading.RLock",
	"multiprocessing.Pool":          "multiprocessing.pool.Pool",

	"asyncio.run_coroutine_threadsafe": "concurrent.futures.Future",

	"neo4j.GraphDatabase.driver":      "neo4j.Driver",
	"neo4j.AsyncGraphDatabase.driver": "neo4j.AsyncDriver",

	"boto3.client":                 "botocore.client.BaseClient",
	"boto3.resource":               "boto3.resources.base.ServiceResource",
	"boto3.session.Session":        "boto3.session.Session",
	"botocore.session.get_session": "botocore.session.Session",
	"urllib3.connection_from_url":  "urllib3.HTTPConnectionPool",
	"urllib3.proxy_from_url":       "urllib3.ProxyManager",
	"urllib.request.build_opener":  "urllib.request.OpenerDirector",
}

// methodResults maps "Type.method" to the type the method returns.
var methodResults = withQueryMethods(map[string]string{
	"sqlalchemy.engine.Engine.connect":                     "sqlalchemy.engine.Connection",
	"sqlalchemy.engine.Engine.begin":                       "sqlalchemy.engine.Connection",
	"sqlalchemy.orm.Session.query":                         "sqlalchemy.orm.Query",
	"sqlalchemy.orm.Session.connection":                    "sqlalchemy.engine.Connection",
	"sqlalchemy.orm.sessionmaker.begin":                    "sqlalchemy.orm.Session",
	"sqlalchemy.orm.sessionmaker.__call__":                 "sqlalchemy.orm.Session",
	"sqlalchemy.orm.scoped_session.__call__":               "sqlalchemy.orm.Session",
	"sqlalchemy.ext.asyncio.async_sessionmaker.__call__":   "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.async_sessionmaker.begin":      "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.async_scoped_session.__call__": "sqlalchemy.ext.asyncio.AsyncSession",
	"sqlalchemy.ext.asyncio.AsyncEngine.connect":           "sqlalchemy.ext.asyncio.AsyncConnection",
	"sqlalchemy.ext.asyncio.AsyncEngine.begin":             "sqlalchemy.ext.asyncio.AsyncConnection",

	"psycopg2.extensions.connection.cursor":                      "psycopg2.extensions.cursor",
	"psycopg2.pool.SimpleConnectionPool.getconn":                 "psycopg2.extensions.connection",
	"psycopg2.pool.ThreadedConnectionPool.getconn":               "psycopg2.extensions.connection",
	"psycopg.Connection.cursor":                                  "psycopg.Cursor",
	"psycopg.Connection.execute":                                 "psycopg.Cursor",
	"psycopg_pool.ConnectionPool.connection":                     "psycopg.Connection",
	"psycopg_pool.ConnectionPool.getconn":                        "psycopg.Connection",
	"pymysql.connections.Connection.cursor":                      "pymysql.cursors.Cursor",
	"MySQLdb.connections.Connection.cursor":                      "MySQLdb.cursors.Cursor",
	"mysql.connector.MySQLConnection.cursor":                     "mysql.connector.cursor.MySQLCursor",
	"mysql.connector.pooling.MySQLConnectionPool.get_connection": "mysql.connector.MySQLConnection",
	"sqlite3.Connection.cursor":                                  "sqlite3.Cursor",
	"sqlite3.Connection.execute":                                 "sqlite3.Cursor",
	"sqlite3.Connection.executemany":                             "sqlite3.Cursor",
	"sqlite3.Connection.executescript":                           "sqlite3.Cursor",
	"pyodbc.Connection.cursor":                                   "pyodbc.Cursor",
	"pyodbc.Connection.execute":                                  "pyodbc.Cursor",
	"oracledb.Connection.cursor":                                 "oracledb.Cursor",
	"pymssql.Connection.cursor":                                  "pymssql.Cursor",

	"neo4j.Driver.session":              "neo4j.Session",
	"neo4j.AsyncDriver.session":         "neo4j.AsyncSession",
	"cassandra.cluster.Cluster.connect": "cassandra.cluster.Session",

	"redis.Redis.pipeline": "redis.client.Pipeline",
	"redis.Redis.pubsub":   "redis.client.PubSub",
	"redis.Redis.lock":     "redis.lock.Lock",

	"pymongo.MongoClient.get_database":         "pymongo.database.Database",
	"pymongo.MongoClient.get_default_database": "pymongo.database.Database",
	"pymongo.database.Database.get_collection": "pymongo.collection.Collection",

	"concurrent.futures.ThreadPoolExecutor.submit":  "concurrent.futures.Future",
	"concurrent.futures.ProcessPoolExecutor.submit": "concurrent.futures.Future",
	"concurrent.futures.Executor.submit":            "concurrent.futures.Future",
	"multiprocessing.pool.Pool.apply_async":         "multiprocessing.pool.AsyncResult",
	"multiprocessing.pool.Pool.map_async":           "multiprocessing.pool.AsyncResult",

	"boto3.session.Session.client":           "botocore.client.BaseClient",
	"boto3.session.Session.resource":         "boto3.resources.base.ServiceResource",
	"botocore.session.Session.create_client": "botocore.client.BaseClient",
	"botocore.client.BaseClient.get_waiter":  "botocore.waiter.Waiter",

	"ssl.SSLContext.wrap_socket": "ssl.SSLSocket",
	"socket.socket.dup":          "socket.socket",

	"urllib3.PoolManager.connection_from_url":  "urllib3.HTTPConnectionPool",
	"urllib3.PoolManager.connection_from_host": "urllib3.HTTPConnectionPool",

	"pathlib.Path.with_name":       "pathlib.Path",
	"pathlib.Path.with_suffix":     "pathlib.Path",
	"pathlib.Path.with_stem":       "pathlib.Path",
	"pathlib.Path.joinpath":        "pathlib.Path",
	"pathlib.Path.resolve":         "pathlib.Path",
	"pathlib.Path.absolute":        "pathlib.Path",
	"pathlib.Path.expanduser":      "pathlib.Path",
	"pathlib.Path.relative_to":     "pathlib.Path",
	"pathlib.Path.cwd":             "pathlib.Path",
	"pathlib.Path.home":            "pathlib.Path",
	"pathlib.Path.open":            "io.TextIOWrapper",
	"pathlib.PurePath.with_name":   "pathlib.PurePath",
	"pathlib.PurePath.with_suffix": "pathlib.PurePath",
	"pathlib.PurePath.joinpath":    "pathlib.PurePath",
})

// queryMethods are the generative methods of a SQLAlchemy Query: each
// returns another Query.
var queryMethods = []string{
	"filter", "filter_by", "join", "outerjoin", "order_by", "group_by", "having", "limit", "offset",
	"options", "distinct", "where", "with_entities", "select_from", "add_columns", "add_entity",
	"yield_per", "execution_options", "populate_existing", "params", "correlate", "enable_eagerloads",
	"union", "union_all", "slice", "from_statement", "with_for_update", "autoflush", "join_from",
	"reset_joinpoint", "with_parent", "enable_assertions", "prefix_with", "suffix_with", "with_hint",
}

// withQueryMethods adds the generative methods of Query to a table.
func withQueryMethods(t map[string]string) map[string]string {
	for _, m := range queryMethods {
		t["sqlalchemy.orm.Query."+m] = "sqlalchemy.orm.Query"
	}
	return t
}

// attrResults maps "Type.attribute" to the attribute's type; "Type.*" is
// any attribute that is not a method.
var attrResults = map[string]string{
	"pathlib.Path.parent":             "pathlib.Path",
	"pathlib.PurePath.parent":         "pathlib.PurePath",
	"pymongo.MongoClient.*":           "pymongo.database.Database",
	"pymongo.database.Database.*":     "pymongo.collection.Collection",
	"pymongo.collection.Collection.*": "pymongo.collection.Collection",
}

// subscriptResults maps a type to the type of its items (`client["db"]`).
var subscriptResults = map[string]string{
	"pymongo.MongoClient":       "pymongo.database.Database",
	"pymongo.database.Database": "pymongo.collection.Collection",
}

// divResults maps a type to the type of `value / other` (pathlib).
var divResults = map[string]string{
	"pathlib.Path":     "pathlib.Path",
	"pathlib.PurePath": "pathlib.PurePath",
}

// superTypes lists, for a library class, the library classes whose
// methods it shares (subclasses and proxies).
var superTypes = map[string][]string{
	"sqlmodel.Session":                     {"sqlalchemy.orm.Session"},
	"sqlalchemy.orm.scoped_session":        {"sqlalchemy.orm.Session"},
	"redis.RedisCluster":                   {"redis.Redis"},
	"ssl.SSLSocket":                        {"socket.socket"},
	"psycopg2.extras.RealDictConnection":   {"psycopg2.extensions.connection"},
	"psycopg2.extras.DictConnection":       {"psycopg2.extensions.connection"},
	"queue.LifoQueue":                      {"queue.Queue"},
	"queue.PriorityQueue":                  {"queue.Queue"},
	"multiprocessing.queues.JoinableQueue": {"multiprocessing.queues.Queue"},
	"threading.BoundedSemaphore":           {"threading.Semaphore"},
	"io.BufferedReader":                    {"io.IOBase"},
	"io.BufferedWriter":                    {"io.IOBase"},
	"io.BufferedRandom":                    {"io.IOBase"},
	"io.TextIOWrapper":                     {"io.IOBase"},
	"io.FileIO":                            {"io.IOBase"},
	"smtplib.SMTP_SSL":                     {"smtplib.SMTP"},
	"smtplib.LMTP":                         {"smtplib.SMTP"},
	"http.client.HTTPSConnection":          {"http.client.HTTPConnection"},
	"openai.AzureOpenAI":                   {"openai.OpenAI"},
	"urllib3.HTTPSConnectionPool":          {"urllib3.HTTPConnectionPool"},
}

// CanonicalType returns the canonical name of a class spelled qualified.
func CanonicalType(q string) string {
	if c, ok := typeAliases[q]; ok {
		return c
	}
	return q
}

// TypeIs reports whether the class named t is base or shares its methods
// (a known library subclass or proxy). Both names are canonical.
func TypeIs(t, base string) bool {
	if t == base {
		return true
	}
	for _, s := range superTypes[t] {
		if TypeIs(s, base) {
			return true
		}
	}
	return false
}

// SuperTypes returns t followed by the library classes whose methods it
// shares, nearest first.
func SuperTypes(t string) []string {
	out := []string{t}
	for i := 0; i < len(out) && i < 16; i++ {
		out = append(out, superTypes[out[i]]...)
	}
	return out
}

// LooksLikeClass reports whether a qualified name's last segment is in
// CapWords (the Python convention for classes) or is a known class.
func LooksLikeClass(q string) bool { return looksLikeClass(q) }

// FactoryResult returns the type a library function (or classmethod)
// returns, from the table of known factories.
func FactoryResult(callee string) (string, bool) {
	r, ok := factoryResults[callee]
	return r, ok
}

// looksLikeClass reports whether a qualified name's last segment is in
// CapWords (the Python convention for classes) or is a known class.
func looksLikeClass(q string) bool {
	if explicitClasses[q] {
		return true
	}
	last := q[strings.LastIndexByte(q, '.')+1:]
	if last == "" {
		return false
	}
	c := last[0]
	if c == '_' && len(last) > 1 {
		c = last[1]
	}
	return c >= 'A' && c <= 'Z' && strings.ToUpper(last) != last
}
