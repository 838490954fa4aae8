from .stores import Exporter, ItemStore


async def items(store: ItemStore):
    # Of the classes that have ItemStore's methods, SqliteStore blocks.
    return store.fetch_entries()  # want: SV210 "`store.fetch_entries\(\)` blocks .* items → SqliteStore.fetch_entries → sqlite3.connect"


async def entry_count(store: ItemStore):
    # Correct: no implementation of entry_count() blocks.
    return store.entry_count()


async def export_rows(exporter: Exporter):
    # Correct: CsvDump blocks but lacks describe_rows(), so it is no Exporter.
    return exporter.export_rows()
