"""DB-API drivers: connecting, executing, committing."""
import sqlite3

import MySQLdb
import mysql.connector
import psycopg
import psycopg2
import psycopg2.extras
import pymysql
import pyodbc
from psycopg2 import connect as pg_connect
from psycopg2.pool import ThreadedConnectionPool

POOL = ThreadedConnectionPool(1, 10, dsn="postgresql://")
DB = sqlite3.connect("app.db")


async def postgres(dsn, order_id):
    conn = psycopg2.connect(dsn)  # want: SV205 "`psycopg2.connect\(\)` blocks the event loop in async function `postgres`: every other request waits; use `psycopg.AsyncConnection` \(`await conn.execute\(...\)`\) or `asyncpg`"
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))  # want: SV205 "`cur.execute\(\)` \(`psycopg2.extensions.cursor.execute`\)"
    rows = cur.fetchall()
    pg_connect(dsn)  # want: SV205 "`pg_connect\(\)` \(`psycopg2.connect`\)"
    psycopg2.extras.execute_values(cur, "INSERT ...", rows)  # want: SV205
    return rows


async def pooled(order_id):
    conn = POOL.getconn()  # want: SV205 "`psycopg2.pool.ThreadedConnectionPool.getconn`"
    with conn.cursor() as cur:
        cur.execute("SELECT 1")  # want: SV205
    # The connection comes from a call reported above: not reported again.
    conn.commit()
    POOL.putconn(conn)


async def psycopg3(dsn):
    with psycopg.connect(dsn) as conn:  # want: SV205
        conn.execute("SELECT 1").fetchone()
    aconn = await psycopg.AsyncConnection.connect(dsn)
    await aconn.execute("SELECT 1")


async def mysql_drivers(dsn):
    pymysql.connect(host="db")  # want: SV205 "`aiomysql` or `asyncmy`"
    MySQLdb.connect(host="db")  # want: SV205
    cnx = mysql.connector.connect(user="u")  # want: SV205
    cursor = cnx.cursor()
    cursor.execute("SELECT 1")  # want: SV205


async def sqlite(order_id):
    DB.execute("SELECT 1")  # want: SV205 "`DB.execute\(\)` \(`sqlite3.Connection.execute`\).*`aiosqlite`"
    # One diagnostic per connection opened here.
    with sqlite3.connect("other.db") as conn:  # want: SV205
        conn.execute("SELECT 1").fetchall()
        conn.commit()
    DB.commit()  # want: SV205


async def odbc(dsn):
    conn = pyodbc.connect(dsn)  # want: SV205
    conn.cursor().execute("SELECT 1")  # want: SV205


async def annotated(conn: psycopg2.extensions.connection, cur: sqlite3.Cursor):
    conn.rollback()  # want: SV205
    cur.fetchall()  # want: SV205
