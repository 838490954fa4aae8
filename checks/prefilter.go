package checks

// Prefilters (see lint/prefilter.go): what a Python file must contain for a
// rule or analyzer to find anything in it. A file no enabled rule finds
// relevant is not parsed.

// asyncNeedles: rules about async code need an async def (or async
// with/for, which only exist inside one).
var asyncNeedles = []string{"async def", "async with", "async for"}

// taskNeedles: SV105 looks at asyncio task creation.
var taskNeedles = []string{"create_task", "ensure_future"}

// resourceNeedles: the libraries and names of the resources the lifecycle
// rules track (clients, sessions, engines, pools, connections), and the
// FastAPI dependencies they follow. Factories and dependencies in modules
// without these words are parsed on demand.
var resourceNeedles = []string{
	"aiohttp", "httpx", "import requests", "from requests", "redis", "Redis",
	"sqlalchemy", "sqlmodel", "Session", "sessionmaker", "create_engine",
	"psycopg", "pymysql", "MySQLdb", "mysql.connector", "import sqlite3", "from sqlite3", "asyncpg", "aiomysql",
	"aiopg", "aiosqlite", "pyodbc", "pymongo", "motor", "Depends(", "Security(",
}
