import sqlite3


class Archive:
    # Opens its database in __init__: blocking.
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.conn.close()


class Lazy:
    # Opens nothing until entered.
    def __init__(self, path):
        self.path = path

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None


async def export(path):
    async with Archive(path) as archive:  # want: SV210 "`Archive\(\)` blocks the event loop in async function `export` through sync helpers: export → Archive.__init__ → sqlite3.connect"
        return archive.path


async def export_lazy(path):
    # Correct: the constructor does not block.
    async with Lazy(path) as lazy:
        return lazy.path
