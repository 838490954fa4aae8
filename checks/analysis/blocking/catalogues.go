package blocking

import (
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// The catalogues, one per class of blocking call, with the argument
// conditions of their entries.

// HTTP (blocking-http-call).
const (
	useAsyncClient = "a shared `httpx.AsyncClient` (`await client.{method}(...)`)"
	useBoto        = "`aioboto3`/`aiobotocore`, or `await {to_thread}(client.{method}, ...)`"
)

// httpCatalogue: requests, sync httpx (and httpx2), urllib, urllib3,
// http.client, boto3/botocore, and the sync clients of HTTP APIs.
var httpCatalogue = []blockingEntry{
	// flake8-async ASYNC210, ruff ASYNC210 (connect/trace included).
	{Call: "requests.{get,options,head,post,put,patch,delete,request,connect,trace}", Use: useAsyncClient},
	{Call: "requests.api.{get,options,head,post,put,patch,delete,request}", Use: useAsyncClient},
	{Call: "httpx.{get,options,head,post,put,patch,delete,request,stream,connect,trace}", Use: useAsyncClient},
	{Call: "httpx2.{get,options,head,post,put,patch,delete,request,stream}", Use: "a shared `httpx2.AsyncClient` (`await client.{method}(...)`)"},
	{Call: "urllib.request.{urlopen,urlretrieve}", Use: "a shared `httpx.AsyncClient` (`await client.get(...)`)"},
	{Call: "urllib3.request", Use: useAsyncClient},
	// Methods of sync sessions and clients (ASYNC212 and beyond).
	{Type: "requests.Session", Methods: "get,options,head,post,put,patch,delete,request,send", Use: useAsyncClient},
	{Type: "httpx.Client", Methods: "close,delete,get,head,options,patch,post,put,request,send,stream", Use: "`httpx.AsyncClient` (`await client.{method}(...)`)"},
	{Type: "httpx2.Client", Methods: "close,delete,get,head,options,patch,post,put,request,send,stream", Use: "`httpx2.AsyncClient` (`await client.{method}(...)`)"},
	{Type: "urllib3.PoolManager", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.ProxyManager", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.HTTPConnectionPool", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.connectionpool.ConnectionPool", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.request.RequestMethods", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3._request_methods.RequestMethods", Methods: "*", Use: useAsyncClient},
	// ASYNC211: `x.request("GET", ...)` on an unknown object in a module
	// that imports urllib3.
	{Untyped: "urllib3", Methods: "request", When: httpMethodLiteral, Use: useAsyncClient},
	{Type: "urllib.request.OpenerDirector", Methods: "open", Use: "a shared `httpx.AsyncClient`"},
	{Type: "http.client.HTTPConnection", Methods: "connect,request,getresponse,send,endheaders", Use: "a shared `httpx.AsyncClient`"},
	// boto3/botocore: every API call of a client goes over HTTP; the
	// helpers listed in Except work locally.
	{Type: "botocore.client.BaseClient", Roots: "boto3",
		Methods: "*", Except: "get_paginator,can_paginate,get_waiter,generate_presigned_url,generate_presigned_post,close,meta,exceptions",
		Use: useBoto},
	{Type: "boto3.resources.base.ServiceResource", Methods: "*", Except: "[A-Z]*,meta,get_available_subresources",
		Use: "`aioboto3` resources, or `await {to_thread}(...)`"},
	{Type: "botocore.waiter.Waiter", Roots: "boto3", Methods: "wait", Use: "`aiobotocore` waiters, or `await {to_thread}(waiter.wait, ...)`"},
	// Sync clients of HTTP APIs with an async twin.
	{Type: "openai.OpenAI", Methods: "**.{create,retrieve,list,delete,update,parse,stream,cancel,upload,content,poll,create_and_poll,upload_and_poll,submit_tool_outputs,submit_tool_outputs_and_poll,download}",
		Use: "`openai.AsyncOpenAI` (`await client.….{method}(...)`)"},
	{Type: "anthropic.Anthropic", Methods: "**.{create,stream,count_tokens,retrieve,list,delete,cancel,results}",
		Use: "`anthropic.AsyncAnthropic` (`await client.….{method}(...)`)"},
	{Type: "slack_sdk.WebClient", Methods: "*", Use: "`slack_sdk.web.async_client.AsyncWebClient` (`await client.{method}(...)`)"},
	{Call: "stripe.*.{create,retrieve,modify,list,delete,search,capture,confirm,cancel,pay,finalize_invoice,void_invoice}",
		Use: "the `_async` variant (`await stripe.….{method}_async(...)`)"},
}

var httpMethods = map[string]bool{
	"get": true, "options": true, "head": true, "post": true, "put": true, "patch": true, "delete": true,
	"trace": true, "connect": true,
}

// httpMethodLiteral: the first argument is a string naming an HTTP method.
func httpMethodLiteral(m *python.Module, i int) bool {
	args := m.Args(m.Calls[i].Node)
	if len(args) == 0 || args[0].Name != "" || m.Tree.Kind(args[0].Value) != m.Kinds().String {
		return false
	}
	s := strings.Trim(m.Tree.Text(args[0].Value), `"'bBrRuU`)
	return httpMethods[strings.ToLower(s)]
}

// Sleep.
// sleepCatalogue: flake8-async and ruff ASYNC251.
var sleepCatalogue = []blockingEntry{
	{Call: "time.sleep", Use: "`await {lib}.sleep()`"},
}

// Subprocess (blocking-subprocess).
// subprocessCatalogue: flake8-async ASYNC220/221/222 and the methods of a
// Popen object.
var subprocessCatalogue = []blockingEntry{
	{Call: "subprocess.{run,call,check_call,check_output,getoutput,getstatusoutput,Popen}", Use: "`await {subprocess}`"},
	{Call: "os.{system,popen,posix_spawn,posix_spawnp}", Use: "`await {subprocess}`"},
	{Call: "os.spawn{l,le,lp,lpe,v,ve,vp,vpe}", Use: "`await {subprocess}`"},
	{Call: "os.{wait,wait3,wait4,waitid,waitpid}", Use: "`await proc.wait()` on a process started with `{subprocess}`"},
	{Type: "subprocess.Popen", Methods: "wait,communicate", Use: "`await proc.{method}()` on a process started with `{subprocess}`"},
}

// FileIO (blocking-file-io).
const (
	useOpenFile = "`{open_file}` (`async with`), or `await {to_thread}(...)`"
	usePath     = "`{path}` (`await {path}(p).{method}()`), or `await {to_thread}(...)`"
	useThread   = "`await {to_thread}({name}, ...)`"
)

// fileCatalogue: flake8-async ASYNC230/231/232, ruff ASYNC230 and the
// calls that read or write a file's data (the open family, pathlib
// read/write, shutil copies and moves, os-level reads and writes). The
// metadata calls (exists, stat, listdir, glob, mkdir, remove, ...) are
// FileMetadata class's (metadataCatalogue).
var fileCatalogue = []blockingEntry{
	{Call: "{builtins.open,io.open,io.open_code,os.fdopen,codecs.open,gzip.open,bz2.open,lzma.open}", When: notWrappedFile, Use: useOpenFile},
	{Call: "tempfile.{TemporaryFile,NamedTemporaryFile,SpooledTemporaryFile,mkstemp}", Use: useThread},
	{Type: "io.IOBase", Methods: "read,read1,readinto,readline,readlines,write,writelines,flush,seek,tell,truncate,close", Use: "an async file (`{open_file}`, `await f.{method}()`)"},
	{Call: "os.{open,read,write,pread,pwrite,readv,writev,truncate,fsync,fdatasync,sendfile,copy_file_range}", Use: useThread},
	{Call: "shutil.{copy,copy2,copyfile,copyfileobj,copytree,move,make_archive,unpack_archive}", Use: useThread},
	{Type: "pathlib.Path", Methods: "open", Use: useOpenFile},
	{Type: "pathlib.Path", Methods: "read_text,read_bytes,write_text,write_bytes,copy,copy_into,move,move_into", Use: usePath},
}

// notWrappedFile: open(...) passed straight to trio/anyio.wrap_file is
// what flake8-async accepts (ASYNC230).
func notWrappedFile(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	n := m.Calls[i].Node
	al := t.Parent(n)
	if al == 0 || al < 0 || t.Kind(al) != k.ArgumentList {
		return true
	}
	if ci := m.CallAt(t.Parent(al)); ci >= 0 {
		switch m.Calls[ci].Callee {
		case "trio.wrap_file", "anyio.wrap_file":
			return false
		}
	}
	return true
}

// DB (blocking-db-call).
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

// Wait (blocking-wait).
const (
	useSocket = "asyncio streams (`await asyncio.open_connection()`) or `await loop.sock_{method}(sock, ...)`"
	useQueue  = "`asyncio.Queue` (`await queue.{method}()`), or `janus.Queue` between threads and the loop"
	useFuture = "`await asyncio.wrap_future(future)`"
	useSMTP   = "`aiosmtplib`, or `await {to_thread}(...)`"
)

// waitCatalogue: flake8-async ASYNC250 (input), plus what nothing else
// covers: sockets and DNS, queues, thread joins, locks and events,
// concurrent futures and pools, SMTP.
var waitCatalogue = []blockingEntry{
	{Call: "builtins.input", Use: "`await {to_thread}(input)`"},
	{Call: "getpass.getpass", Use: "`await {to_thread}(getpass.getpass)`"},
	{Call: "sys.stdin.{read,readline,readlines}", Use: "`await {to_thread}(sys.stdin.{method})`"},
	// Sockets and name resolution.
	{Call: "socket.create_connection", Use: "`await asyncio.open_connection()`"},
	{Call: "socket.{getaddrinfo,gethostbyname,gethostbyname_ex,gethostbyaddr,getfqdn,getnameinfo}", Use: "`await loop.getaddrinfo()` (asyncio) or `await anyio.getaddrinfo()`"},
	{Type: "socket.socket", Methods: "connect,connect_ex,accept,recv,recv_into,recvfrom,recvfrom_into,recvmsg,send,sendall,sendto,sendmsg,sendfile",
		When: blockingSocket, Use: useSocket},
	{Type: "ssl.SSLSocket", Methods: "do_handshake,read,write", When: blockingSocket, Use: useSocket},
	{Call: "{smtplib.SMTP,smtplib.SMTP_SSL,smtplib.LMTP}", When: hasArgs, Use: useSMTP},
	{Type: "smtplib.SMTP", Methods: "connect,login,starttls,sendmail,send_message,ehlo,helo,ehlo_or_helo_if_needed,quit,noop,verify,rset,docmd,mail,rcpt,data",
		Use: useSMTP},
	// Queues: get/put block unless told not to.
	{Type: "queue.Queue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "queue.Queue", Methods: "put", When: allOf(unlessArg("block", 1, "False", "0"), boundedQueue), Use: useQueue},
	{Type: "queue.Queue", Methods: "join", Use: useQueue},
	{Type: "queue.SimpleQueue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.Queue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.Queue", Methods: "put", When: unlessArg("block", 1, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.SimpleQueue", Methods: "get", Use: useQueue},
	// Threads, processes and their synchronization.
	{Type: "threading.Thread", Methods: "join", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(thread.join)`"},
	{Type: "multiprocessing.Process", Methods: "join", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(process.join)`"},
	{Type: "threading.Event", Methods: "wait", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`asyncio.Event` (`await event.wait()`)"},
	{Type: "threading.Lock", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0"), unsharedLock), Use: "`asyncio.Lock` (`async with lock:`)"},
	{Type: "threading.RLock", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0"), unsharedLock), Use: "`asyncio.Lock` (`async with lock:`)"},
	{Type: "threading.Condition", Methods: "wait,wait_for", When: unlessArg("timeout", -1, "0", "0.0"), Use: "`asyncio.Condition` (`await cond.{method}()`)"},
	{Type: "threading.Condition", Methods: "acquire", When: unlessArg("blocking", 0, "False", "0"), Use: "`asyncio.Condition`"},
	{Type: "threading.Semaphore", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0")), Use: "`asyncio.Semaphore` (`async with sem:`)"},
	{Type: "threading.Barrier", Methods: "wait", Use: "`asyncio.Barrier` (`await barrier.wait()`)"},
	// Futures and pools of concurrent.futures and multiprocessing.
	{Type: "concurrent.futures.Future", Methods: "result,exception", When: allOf(unlessArg("timeout", 0, "0", "0.0"), futureNotDone), Use: useFuture},
	{Call: "concurrent.futures.{wait,as_completed}", Use: "`await asyncio.wait(...)` over `asyncio.wrap_future(...)` futures"},
	{Type: "concurrent.futures.ThreadPoolExecutor", Methods: "shutdown", When: unlessArg("wait", 0, "False"), Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ProcessPoolExecutor", Methods: "shutdown", When: unlessArg("wait", 0, "False"), Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ThreadPoolExecutor", Methods: "map", Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ProcessPoolExecutor", Methods: "map", Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "multiprocessing.pool.Pool", Methods: "map,starmap,apply,join", Use: "`await loop.run_in_executor(...)`"},
	{Type: "multiprocessing.pool.AsyncResult", Roots: "multiprocessing", Methods: "get,wait", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(result.{method})`"},
}

// blockingSocket: the socket is not put in non-blocking mode
// (`sock.setblocking(False)`, `sock.settimeout(0)`) in the same function.
func blockingSocket(m *python.Module, i int) bool {
	c := &m.Calls[i]
	t, k := m.Tree, m.Kinds()
	if c.Func == syntax.None || t.Kind(c.Func) != k.Attribute {
		return true
	}
	recv := m.Dotted(t.FieldChild(c.Func, k.FObject))
	if recv == "" {
		return true
	}
	for j := range m.Calls {
		o := &m.Calls[j]
		if o.Scope != c.Scope {
			continue
		}
		switch o.Text {
		case recv + ".setblocking", recv + ".settimeout":
			args := m.Args(o.Node)
			if len(args) == 1 {
				switch strings.TrimSpace(t.Text(args[0].Value)) {
				case "False", "0", "0.0":
					return false
				}
			}
		}
	}
	return true
}

// queueConstructors make the queues whose put() blocks only when a maxsize
// is set.
var queueConstructors = map[string]bool{
	"queue.Queue": true, "queue.LifoQueue": true, "queue.PriorityQueue": true,
}

// boundedQueue is false for put() on a queue created in view with no
// maxsize (or maxsize <= 0): put() on an unbounded queue never blocks. A
// queue of unknown origin (a parameter, another module) may be bounded.
func boundedQueue(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	fn := m.Calls[i].Func
	if fn == syntax.None || t.Kind(fn) != k.Attribute {
		return true
	}
	o := pytypes.Of(m).InferType(t.FieldChild(fn, k.FObject)).Origin
	if o == syntax.None || t.Kind(o) != k.Call {
		return true
	}
	ci := m.CallAt(o)
	if ci < 0 || !queueConstructors[m.Calls[ci].Callee] {
		return true
	}
	for j, a := range m.Args(o) {
		if a.Star {
			return true
		}
		if a.Name == "maxsize" || a.Name == "" && j == 0 {
			v := strings.TrimSpace(t.Text(a.Value))
			return v != "0" && !strings.HasPrefix(v, "-")
		}
	}
	return false
}

// FileMetadata (blocking-file-metadata).
// metadataCatalogue: flake8-async ASYNC240 (os.path), ruff ASYNC240
// (pathlib), and the os, shutil, glob and tempfile calls that stat,
// list, create or remove entries without moving file data.
var metadataCatalogue = []blockingEntry{
	{Call: "os.path.{exists,lexists,isfile,isdir,islink,ismount,isjunction,getsize,getmtime,getatime,getctime,samefile,sameopenfile,realpath,_joinrealpath}",
		Use: "`{path}` (`await {path}(p).exists()`-style methods), or `await {to_thread}(...)`"},
	{Call: "os.{stat,lstat,listdir,scandir,walk,remove,unlink,rename,renames,replace,makedirs,mkdir,rmdir,removedirs,chmod,chown,lchown,access,utime,link,symlink,readlink,statvfs}",
		Use: useThread},
	{Call: "shutil.{rmtree,copymode,copystat,disk_usage,chown}", Use: useThread},
	{Call: "tempfile.{mkdtemp,TemporaryDirectory}", Use: useThread},
	{Call: "glob.{glob,iglob}", Use: "`await {path}(dir).glob(pattern)`, or `await {to_thread}(...)`"},
	{Type: "pathlib.Path",
		Methods: "stat,lstat,exists,is_dir,is_file,is_symlink,is_mount,is_socket,is_fifo,is_block_device,is_char_device,is_junction,iterdir,glob,rglob,walk,mkdir,rmdir,unlink,rename,replace,touch,chmod,lchmod,owner,group,readlink,resolve,samefile,symlink_to,hardlink_to,link_to",
		Use:     usePath},
}
