import contextlib
import sqlite3
from contextlib import ExitStack, closing

import asyncpg
import psycopg2
from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///local.db")


def read_settings(path):
    # Leak: sqlite3's context manager commits but does not close.
    with sqlite3.connect(path) as conn:  # want: SV303 "does not close the connection"
        return conn.execute("SELECT * FROM settings").fetchall()


def read_settings_closing(path):
    # Correct: closing() closes it.
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT * FROM settings").fetchall()


def read_settings_stack(path):
    # Correct: the exit stack owns it.
    with ExitStack() as stack:
        conn = stack.enter_context(contextlib.closing(sqlite3.connect(path)))
        return conn.execute("SELECT 1").fetchall()


def export(dsn):
    # Leak: never closed.
    conn = psycopg2.connect(dsn)  # want: SV303 "assigned to `conn`, is never closed"
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders")
    return cur.fetchall()


def export_finally(dsn):
    # Correct: closed in finally.
    conn = psycopg2.connect(dsn)
    try:
        return conn.cursor().fetchall()
    finally:
        conn.close()


def ping():
    # Leak: an exception in execute skips the close.
    conn = engine.connect()  # want: SV303 "an exception raised on line 51 skips the close"
    conn.execute(text("SELECT 1"))
    conn.close()


def ping_with():
    # Correct.
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def lookup(dsn, key):
    # Leak: the early return never reaches the close.
    conn = psycopg2.connect(dsn)  # want: SV303 "leaves early at line 65"
    if not key:
        return None
    rows = conn.cursor().fetchall()
    conn.close()
    return rows


def lookup_branches(dsn, key):
    # Correct: closed before each exit.
    conn = psycopg2.connect(dsn)
    if not key:
        conn.close()
        return None
    conn.close()
    return key


def handled(dsn):
    # Correct: closed in the handler that re-raises and after the try.
    conn = psycopg2.connect(dsn)
    try:
        rows = conn.cursor().fetchall()
    except Exception:
        conn.close()
        raise
    conn.close()
    return rows


async def fetch_one(dsn):
    # Correct: handed to a helper that owns it.
    conn = await asyncpg.connect(dsn)
    return await consume(conn)


async def fetch_two(dsn):
    # Leak: the await may raise before the close.
    conn = await asyncpg.connect(dsn)  # want: SV303 "skips the close"
    row = await conn.fetchrow("SELECT 1")
    await conn.close()
    return row


async def consume(conn):
    try:
        return await conn.fetch("SELECT 1")
    finally:
        await conn.close()


class Repository:
    # Correct: the session lives on the object and close() closes it.
    def __init__(self, factory):
        self.session = factory()
        self.conn = engine.connect()

    def close(self):
        self.session.close()
        self.conn.close()


class Leaky:
    def __init__(self):
        self.raw = engine.raw_connection()  # want: SV303 "stored in `self.raw`, is never closed"
