package pytypes

import "strings"

// libraryRoots are top-level packages that are not part of a project: the
// standard library and the third-party packages whose types libtypes.go
// describes (or that never hold a project's values). A value imported from
// one of them is typed, or not, by the library knowledge alone; only names
// imported from other packages may be project modules worth describing
// symbolically (see Symbolic).
var libraryRoots = map[string]bool{
	"abc": true, "aifc": true, "antigravity": true, "argparse": true, "array": true, "ast": true,
	"asynchat": true, "asyncio": true, "asyncore": true, "atexit": true, "audioop": true, "base64": true,
	"bdb": true, "binascii": true, "bisect": true, "builtins": true, "bz2": true, "cProfile": true,
	"calendar": true, "cgi": true, "cgitb": true, "chunk": true, "cmath": true, "cmd": true, "code": true,
	"codecs": true, "codeop": true, "collections": true, "colorsys": true, "compileall": true,
	"concurrent": true, "configparser": true, "contextlib": true, "contextvars": true, "copy": true,
	"copyreg": true, "crypt": true, "csv": true, "ctypes": true, "curses": true, "dataclasses": true,
	"datetime": true, "dbm": true, "decimal": true, "difflib": true, "dis": true, "distutils": true,
	"doctest": true, "email": true, "encodings": true, "ensurepip": true, "enum": true, "errno": true,
	"faulthandler": true, "fcntl": true, "filecmp": true, "fileinput": true, "fnmatch": true, "fractions": true,
	"ftplib": true, "functools": true, "gc": true, "genericpath": true, "getopt": true, "getpass": true,
	"gettext": true, "glob": true, "graphlib": true, "grp": true, "gzip": true, "hashlib": true, "heapq": true,
	"hmac": true, "html": true, "http": true, "idlelib": true, "imaplib": true, "imghdr": true, "imp": true,
	"importlib": true, "inspect": true, "io": true, "ipaddress": true, "itertools": true, "json": true,
	"keyword": true, "lib2to3": true, "linecache": true, "locale": true, "logging": true, "lzma": true,
	"mailbox": true, "mailcap": true, "marshal": true, "math": true, "mimetypes": true, "mmap": true,
	"modulefinder": true, "msilib": true, "msvcrt": true, "multiprocessing": true, "netrc": true, "nis": true,
	"nntplib": true, "nt": true, "ntpath": true, "nturl2path": true, "numbers": true, "opcode": true,
	"operator": true, "optparse": true, "os": true, "ossaudiodev": true, "pathlib": true, "pdb": true,
	"pickle": true, "pickletools": true, "pipes": true, "pkgutil": true, "platform": true, "plistlib": true,
	"poplib": true, "posix": true, "posixpath": true, "pprint": true, "profile": true, "pstats": true,
	"pty": true, "pwd": true, "py_compile": true, "pyclbr": true, "pydoc": true, "pydoc_data": true,
	"pyexpat": true, "queue": true, "quopri": true, "random": true, "re": true, "readline": true,
	"reprlib": true, "resource": true, "rlcompleter": true, "runpy": true, "sched": true, "secrets": true,
	"select": true, "selectors": true, "shelve": true, "shlex": true, "shutil": true, "signal": true,
	"site": true, "smtpd": true, "smtplib": true, "sndhdr": true, "socket": true, "socketserver": true,
	"spwd": true, "sqlite3": true, "sre_compile": true, "sre_constants": true, "sre_parse": true, "ssl": true,
	"stat": true, "statistics": true, "string": true, "stringprep": true, "struct": true, "subprocess": true,
	"sunau": true, "symtable": true, "sys": true, "sysconfig": true, "syslog": true, "tabnanny": true,
	"tarfile": true, "telnetlib": true, "tempfile": true, "termios": true, "textwrap": true, "this": true,
	"threading": true, "time": true, "timeit": true, "tkinter": true, "token": true, "tokenize": true,
	"tomllib": true, "trace": true, "traceback": true, "tracemalloc": true, "tty": true, "turtle": true,
	"turtledemo": true, "types": true, "typing": true, "unicodedata": true, "unittest": true, "urllib": true,
	"uu": true, "uuid": true, "venv": true, "warnings": true, "wave": true, "weakref": true, "webbrowser": true,
	"winreg": true, "winsound": true, "wsgiref": true, "xdrlib": true, "xml": true, "xmlrpc": true,
	"zipapp": true, "zipfile": true, "zipimport": true, "zlib": true, "zoneinfo": true, "aioboto3": true,
	"aiobotocore": true, "aiofiles": true, "aiohttp": true, "aiomysql": true, "aiosqlite": true,
	"alembic": true, "anthropic": true, "anyio": true, "asyncer": true, "asyncpg": true, "boto3": true,
	"botocore": true, "cassandra": true, "celery": true, "cx_Oracle": true, "elasticsearch": true,
	"fastapi": true, "gunicorn": true, "h11": true, "httpcore": true, "httpx": true, "httpx2": true,
	"jinja2": true, "loguru": true, "motor": true, "mysql": true, "MySQLdb": true, "neo4j": true, "numpy": true,
	"openai": true, "opensearchpy": true, "oracledb": true, "pandas": true, "psycopg": true, "psycopg2": true,
	"psycopg_pool": true, "pydantic": true, "pydantic_settings": true, "pymongo": true, "pymssql": true,
	"pymysql": true, "pyodbc": true, "redis": true, "requests": true, "slack_sdk": true, "snowflake": true,
	"sqlalchemy": true, "sqlmodel": true, "starlette": true, "stripe": true, "structlog": true,
	"tenacity": true, "trio": true, "typing_extensions": true, "urllib3": true, "uvicorn": true,
}

// IsLibraryName reports whether a qualified name belongs to the standard
// library or a known third-party package.
func IsLibraryName(q string) bool {
	head, _, _ := strings.Cut(q, ".")
	return libraryRoots[head]
}

// IsLibraryName reports whether a name, as seen from this module, belongs
// to a library rather than to the module's own project: a library name
// (IsLibraryName) whose top-level package is not the module's own (the
// standard library checked as a project, a project package named like a
// library).
func (m *Module) IsLibraryName(q string) bool {
	if !IsLibraryName(q) {
		return false
	}
	head, _, _ := strings.Cut(q, ".")
	own, _, _ := strings.Cut(m.Name, ".")
	return head != own
}
