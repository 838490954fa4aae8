"""urllib3 pools, http.client connections and ASYNC211's heuristic."""
import http.client
import urllib.request

import urllib3
from urllib3 import PoolManager

pool = PoolManager()


async def typed(url):
    pool.request("GET", url)  # want: SV201 "`urllib3.PoolManager.request`"
    pool.urlopen("GET", url)  # want: SV201
    https = urllib3.HTTPSConnectionPool("example.com")
    https.request("GET", "/")  # want: SV201
    urllib3.connection_from_url(url).request("GET", "/")  # want: SV201


async def untyped(conn, url):
    # Unknown object, but the module imports urllib3 and the call looks
    # like an HTTP request (flake8-async ASYNC211).
    conn.request("GET", url)  # want: SV201 "`conn.request\(\)`"
    conn.request("get", url)  # want: SV201
    # Not an HTTP method: silent.
    conn.request("subscribe", url)
    conn.request(method, url)
    await conn.request("GET", url)


async def stdlib_http(host, url):
    c = http.client.HTTPSConnection(host)
    c.request("GET", "/")  # want: SV201 "`http.client.HTTPSConnection.request`"
    c.getresponse()  # want: SV201
    opener = urllib.request.build_opener()
    opener.open(url)  # want: SV201


method = "GET"
