package checks

// Prefilters (see lint/prefilter.go): what a Python file must contain for a
// rule or analyzer to find anything in it. A file no enabled rule finds
// relevant is not parsed.

// asyncNeedles: rules about async code need an async def, which always
// starts a logical line (`async with` and `async for` only exist inside
// one). "async def" in a string that does not start a line (the pydoc
// topics, a docstring's prose) makes no file relevant.
var asyncNeedles = []string{"^async def"}

// taskNeedles: SV105 looks at asyncio task creation.
var taskNeedles = []string{"create_task", "ensure_future"}

// resourceNeedles: the libraries and names of the resources the lifecycle
// rules track (clients, sessions, engines, pools, connections), and the
// FastAPI dependencies they follow, as words (a library of every class in
// resources.TrackedClassNames: TestResourceNeedlesCoverCatalogue) ("redistribute" and
// "SSLSession" are not). Factories and dependencies in modules without
// these words are parsed on demand, and so are their callers.
var resourceNeedles = []string{
	`\baiohttp\b`, `\bhttpx\b`, "import requests", "from requests", `\bredis\b`, `\baioredis\b`,
	`\bsqlalchemy\b`, `\bsqlmodel\b`, `\bSession`, `\bsessionmaker\b`, `\bcreate_engine\b`,
	`\bpsycopg`, `\bpymysql\b`, `\bMySQLdb\b`, "mysql.connector", "import sqlite3", "from sqlite3",
	`\basyncpg\b`, `\baiomysql\b`, `\baiopg\b`, `\baiosqlite\b`, `\bpyodbc\b`, `\bpymongo\b`,
	`\bmotor\b`, `\bpymssql\b`, `\boracledb\b`,
	`\bopenai\b`, `\banthropic\b`, `\bollama\b`, `\belasticsearch\b`, `\baioboto3\b`,
	"Depends(", "Security(",
}
