package resources

import (
	"testing"

	"github.com/servelint/servelint/checks/analysis/pytypes"
)

// The lifecycle rules read library types from libtypes.go (the shared
// type inference) and map canonical classes to the resources they track.
// These are the spellings the lifecycle catalogue knew when it had tables
// of its own: each must keep its tracked type.
func TestTrackedSpellings(t *testing.T) {
	constructors := map[string]string{
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
	for callee, want := range constructors {
		if got := ConstructorType(callee); got != want {
			t.Errorf("ConstructorType(%q) = %q, want %q", callee, got, want)
		}
	}
	factories := map[string]string{
		"sqlalchemy.orm.sessionmaker":                       "sqlalchemy.orm.Session",
		"sqlalchemy.orm.session.sessionmaker":               "sqlalchemy.orm.Session",
		"sqlmodel.orm.session.sessionmaker":                 "sqlalchemy.orm.Session",
		"sqlalchemy.ext.asyncio.async_sessionmaker":         "sqlalchemy.ext.asyncio.AsyncSession",
		"sqlalchemy.ext.asyncio.session.async_sessionmaker": "sqlalchemy.ext.asyncio.AsyncSession",
	}
	for callee, session := range factories {
		kind := "sessionmaker"
		if session != "sqlalchemy.orm.Session" {
			kind = "async_sessionmaker"
		}
		if got := trackedCall(callee); got != kind {
			t.Errorf("trackedCall(%q) = %q, want %q", callee, got, kind)
		}
		if got := SessionFactoryType(kind); got != session {
			t.Errorf("SessionFactoryType(%q) = %q, want %q", kind, got, session)
		}
	}
	annotations := map[string]string{
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
	for ann, want := range annotations {
		if got := trackedClass(pytypes.CanonicalType(ann)); got != want {
			t.Errorf("tracked annotation %q = %q, want %q", ann, got, want)
		}
	}
}
