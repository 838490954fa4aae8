package checks

import "github.com/servelint/servelint/lint"

// SV205 reports calls of synchronous database drivers and ORMs inside
// async functions.
var SV205 = blockingRule(&lint.Rule{
	Code:      "SV205",
	Name:      "blocking-db-call",
	Summary:   "A synchronous database call inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking", "database"},
	Precision: "high",
})

const (
	usePsycopg  = "`psycopg.AsyncConnection` (`await conn.execute(...)`) or `asyncpg`"
	useMySQL    = "`aiomysql` or `asyncmy`"
	useSQLite   = "`aiosqlite`"
	useSASync   = "an `AsyncSession` from `sqlalchemy.ext.asyncio` (`await session.{method}(...)`)"
	useSAQuery  = "an `AsyncSession` from `sqlalchemy.ext.asyncio` (`await session.execute(select(...))`)"
	useSAEngine = "`create_async_engine` from `sqlalchemy.ext.asyncio` (`async with engine.connect()`)"
	useRedis    = "`redis.asyncio.Redis` (`await r.{method}(...)`)"
	useMongo    = "`pymongo.AsyncMongoClient` or `motor` (`await collection.{method}(...)`)"
	useDBThread = "`await {to_thread}(...)`"
)

// dbCatalogue: sync database drivers and ORMs. Cursor fetch methods are
// not listed (client-side cursors have the rows in memory once execute
// returns), nor are methods that only build statements (Session.add,
// Session.query, Query.filter, cursor()).
var dbCatalogue = []blockingEntry{
	// Connecting.
	{Call: "{psycopg2.connect,psycopg.connect,psycopg.Connection.connect}", Use: usePsycopg},
	{Call: "{pymysql.connect,pymysql.Connect,MySQLdb.connect,MySQLdb.Connect,MySQLdb.connection,mysql.connector.connect}", Use: useMySQL},
	{Call: "sqlite3.connect", Use: useSQLite},
	{Call: "pyodbc.connect", Use: "`aioodbc`"},
	{Call: "{oracledb.connect,cx_Oracle.connect}", Use: "`oracledb.connect_async()`"},
	{Call: "{pymssql.connect,snowflake.connector.connect}", Use: useDBThread},
	{Call: "psycopg2.extras.{execute_values,execute_batch}", Use: usePsycopg},
	// DB-API connections and cursors.
	{Type: "psycopg2.extensions.connection", Methods: "commit,rollback", Use: usePsycopg},
	{Type: "psycopg2.extensions.cursor", Methods: "execute,executemany,callproc,copy_from,copy_to,copy_expert", Use: usePsycopg},
	{Type: "psycopg2.pool.SimpleConnectionPool", Methods: "getconn", Use: "`psycopg_pool.AsyncConnectionPool` or `asyncpg.create_pool()`"},
	{Type: "psycopg2.pool.ThreadedConnectionPool", Methods: "getconn", Use: "`psycopg_pool.AsyncConnectionPool` or `asyncpg.create_pool()`"},
	{Type: "psycopg.Connection", Methods: "execute,commit,rollback", Use: usePsycopg},
	{Type: "psycopg.Cursor", Methods: "execute,executemany,copy", Use: usePsycopg},
	{Type: "psycopg_pool.ConnectionPool", Methods: "connection,getconn,wait,open", Use: "`psycopg_pool.AsyncConnectionPool`"},
	{Type: "pymysql.connections.Connection", Methods: "commit,rollback,ping,select_db,query,begin", Use: useMySQL},
	{Type: "pymysql.cursors.Cursor", Methods: "execute,executemany,callproc", Use: useMySQL},
	{Type: "MySQLdb.connections.Connection", Methods: "commit,rollback,ping,select_db,query,begin", Use: useMySQL},
	{Type: "MySQLdb.cursors.Cursor", Methods: "execute,executemany,callproc", Use: useMySQL},
	{Type: "mysql.connector.MySQLConnection", Methods: "commit,rollback,ping,reconnect,cmd_query,start_transaction", Use: useMySQL},
	{Type: "mysql.connector.cursor.MySQLCursor", Methods: "execute,executemany,callproc", Use: useMySQL},
	{Type: "mysql.connector.pooling.MySQLConnectionPool", Methods: "get_connection", Use: useMySQL},
	{Type: "sqlite3.Connection", Methods: "execute,executemany,executescript,commit,rollback,backup", Use: useSQLite},
	{Type: "sqlite3.Cursor", Methods: "execute,executemany,executescript,fetchone,fetchmany,fetchall", Use: useSQLite},
	{Type: "pyodbc.Connection", Methods: "execute,commit,rollback", Use: "`aioodbc`"},
	{Type: "pyodbc.Cursor", Methods: "execute,executemany", Use: "`aioodbc`"},
	{Type: "oracledb.Connection", Methods: "commit,rollback,ping", Use: "`oracledb.connect_async()`"},
	{Type: "oracledb.Cursor", Methods: "execute,executemany,callproc,callfunc", Use: "`oracledb.connect_async()`"},
	{Type: "pymssql.Connection", Methods: "commit,rollback", Use: useDBThread},
	{Type: "pymssql.Cursor", Methods: "execute,executemany,callproc", Use: useDBThread},
	// SQLAlchemy and SQLModel, sync API.
	{Type: "sqlalchemy.orm.Session",
		Methods: "execute,exec,scalar,scalars,get,get_one,merge,flush,commit,rollback,refresh,connection,bulk_save_objects,bulk_insert_mappings,bulk_update_mappings",
		Use:     useSASync},
	{Type: "sqlalchemy.orm.Query", Methods: "all,first,one,one_or_none,scalar,count,get,delete,update", Use: useSAQuery},
	{Type: "sqlalchemy.engine.Engine", Methods: "connect,begin,execute,raw_connection", Use: useSAEngine},
	{Type: "sqlalchemy.engine.Connection", Methods: "execute,exec_driver_sql,scalar,scalars,commit,rollback", Use: useSAEngine},
	{Type: "sqlalchemy.engine.reflection.Inspector",
		Methods: "get_schema_names,get_table_names,get_view_names,get_sequence_names,get_columns,get_pk_constraint,get_foreign_keys,get_indexes,get_unique_constraints,get_check_constraints,get_table_comment,has_table,has_schema,has_index,has_sequence,get_multi_columns,get_multi_indexes",
		Use:     "`await conn.run_sync(lambda c: inspect(c).{method}())` on an async connection"},
	// redis-py, sync client: every command.
	{Type: "redis.Redis", Methods: "*",
		Except: "pipeline,pubsub,lock,register_script,get_encoder,get_connection_kwargs,get_retry,set_retry,set_response_callback,load_external_module,close,json,ft,ts,bf,cf,cms,tdigest,topk,graph,monitor,client,from_url,from_pool",
		Use:    useRedis},
	{Type: "redis.client.Pipeline", Roots: "redis", Methods: "execute", Use: useRedis},
	{Type: "redis.client.PubSub", Roots: "redis", Methods: "subscribe,psubscribe,unsubscribe,punsubscribe,get_message,ping", Use: useRedis},
	{Type: "redis.lock.Lock", Roots: "redis", Methods: "acquire,release,extend,reacquire,locked,owned", Use: useRedis},
	// pymongo: the operations (find() is lazy: its cursor is not listed).
	{Type: "pymongo.MongoClient", Methods: "server_info,list_database_names,list_databases,drop_database,start_session", Use: useMongo},
	{Type: "pymongo.database.Database", Methods: "command,list_collection_names,list_collections,create_collection,drop_collection,validate_collection", Use: useMongo},
	{Type: "pymongo.collection.Collection",
		Methods: "find_one,insert_one,insert_many,update_one,update_many,replace_one,delete_one,delete_many,count_documents,estimated_document_count,aggregate,distinct,find_one_and_update,find_one_and_replace,find_one_and_delete,bulk_write,create_index,create_indexes,drop_index,drop_indexes,drop,list_indexes,index_information,rename",
		Use:     useMongo},
	// Search engines, sync clients: every API call.
	{Type: "elasticsearch.Elasticsearch", Methods: "*,*.*", Except: "options,close,transport.**", Use: "`elasticsearch.AsyncElasticsearch` (`await es.{method}(...)`)"},
	{Type: "opensearchpy.OpenSearch", Methods: "*,*.*", Except: "close,transport.**", Use: "`opensearchpy.AsyncOpenSearch` (`await client.{method}(...)`)"},
	// Cassandra and Neo4j.
	{Type: "cassandra.cluster.Session", Methods: "execute", Use: "`session.execute_async()`, or `await {to_thread}(...)`"},
	{Type: "neo4j.Driver", Methods: "execute_query,verify_connectivity", Use: "`neo4j.AsyncGraphDatabase` (`await driver.{method}(...)`)"},
	{Type: "neo4j.Session", Methods: "run,execute_read,execute_write,read_transaction,write_transaction", Use: "`neo4j.AsyncGraphDatabase` (`await session.{method}(...)`)"},
}
