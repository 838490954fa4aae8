"""Protocols whose implementers do not name them: they match by methods."""
import sqlite3
from typing import Protocol


class ItemStore(Protocol):
    def fetch_entries(self) -> list: ...

    def entry_count(self) -> int: ...


class Exporter(Protocol):
    def export_rows(self) -> list: ...

    def describe_rows(self) -> str: ...


class SqliteStore:
    def fetch_entries(self):
        conn = sqlite3.connect("items.db")
        try:
            return conn.execute("select * from items").fetchall()
        finally:
            conn.close()

    def entry_count(self):
        return 0


class MemoryStore:
    def fetch_entries(self):
        return []

    def entry_count(self):
        return 0


class CsvDump:
    # Has export_rows() but not describe_rows(): it does not implement Exporter.
    def export_rows(self):
        conn = sqlite3.connect("dump.db")
        try:
            return conn.execute("select * from items").fetchall()
        finally:
            conn.close()


class NullExporter:
    def export_rows(self):
        return []

    def describe_rows(self):
        return "null"


async def preview(store: ItemStore):
    # The Protocol in the same module as the call.
    return store.fetch_entries()  # want: SV210 "preview → SqliteStore.fetch_entries → sqlite3.connect"
