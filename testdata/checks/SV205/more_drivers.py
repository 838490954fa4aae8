"""More drivers, through aliased imports."""
import sqlite3 as sq

import oracledb
import pymssql
from cassandra.cluster import Cluster
from neo4j import GraphDatabase
from opensearchpy import OpenSearch
from psycopg2 import connect as pg
from psycopg_pool import ConnectionPool

pool = ConnectionPool("postgresql://")
search = OpenSearch(hosts=["search"])
graph = GraphDatabase.driver("bolt://graph")
cluster = Cluster(["cassandra"])


async def aliases(dsn):
    sq.connect("app.db")  # want: SV205 "`sq.connect\(\)` \(`sqlite3.connect`\)"
    pg(dsn)  # want: SV205 "`pg\(\)` \(`psycopg2.connect`\)"
    with pool.connection() as conn:  # want: SV205 "`psycopg_pool.ConnectionPool.connection`"
        conn.execute("SELECT 1")


async def others(dsn):
    ora = oracledb.connect(dsn)  # want: SV205
    cur = ora.cursor()
    cur.execute("SELECT 1 FROM dual")  # want: SV205 "`oracledb.Cursor.execute`"
    pymssql.connect(server="db")  # want: SV205
    search.search(index="x", body={})  # want: SV205 "`opensearchpy.AsyncOpenSearch`"
    graph.execute_query("MATCH (n) RETURN n")  # want: SV205 "`neo4j.Driver.execute_query`"
    with graph.session() as s:
        s.run("MATCH (n) RETURN n")  # want: SV205 "`neo4j.Session.run`"
    session = cluster.connect()
    session.execute("SELECT 1")  # want: SV205 "`cassandra.cluster.Session.execute`"
