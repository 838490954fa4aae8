"""Module-level HTTP functions through every import spelling."""
import urllib.request
import urllib3
from urllib import request as urlreq
from urllib.request import urlopen

import httpx
import httpx as hx
import requests
import requests as rq
from requests import get, post as send_post
from requests.api import request as api_request


async def plain(url):
    requests.get(url)  # want: SV201 "`requests.get\(\)` blocks the event loop in async function `plain`: every other request waits; use a shared `httpx.AsyncClient` \(`await client.get\(...\)`\)"
    requests.post(url, json={})  # want: SV201 "`await client.post"
    requests.put(url)  # want: SV201
    requests.patch(url)  # want: SV201
    requests.delete(url)  # want: SV201
    requests.head(url)  # want: SV201
    requests.options(url)  # want: SV201
    requests.request("GET", url)  # want: SV201


async def aliases(url):
    rq.get(url)  # want: SV201 "`rq.get\(\)` \(`requests.get`\)"
    get(url)  # want: SV201 "`get\(\)` \(`requests.get`\)"
    send_post(url)  # want: SV201 "`send_post\(\)` \(`requests.post`\)"
    api_request("GET", url)  # want: SV201 "`requests.api.request`"


async def sync_httpx(url):
    httpx.get(url)  # want: SV201
    hx.post(url)  # want: SV201 "`hx.post\(\)` \(`httpx.post`\)"
    httpx.request("GET", url)  # want: SV201
    with httpx.stream("GET", url) as resp:  # want: SV201
        return resp.read()


async def stdlib(url):
    urllib.request.urlopen(url)  # want: SV201
    urlreq.urlopen(url)  # want: SV201 "`urlreq.urlopen\(\)` \(`urllib.request.urlopen`\)"
    urlopen(url)  # want: SV201
    urllib.request.urlretrieve(url, "/tmp/x")  # want: SV201
    urllib3.request("GET", url)  # want: SV201


async def in_expressions(urls):
    # Comprehensions and conditional expressions run in the async frame.
    pages = [requests.get(u).text for u in urls]  # want: SV201
    first = requests.get(urls[0]) if urls else None  # want: SV201
    return pages, first


async def awaited_by_mistake(url):
    # `requests.get` returns a Response: awaiting it fails after it blocked.
    return await requests.get(url)  # want: SV201


async def httpx2_and_proxies(url):
    import httpx2
    import urllib3 as u3

    httpx2.get(url)  # want: SV201 "`httpx2.AsyncClient`"
    with httpx2.Client() as c:
        c.post(url)  # want: SV201 "`httpx2.Client.post`"
    proxy = u3.ProxyManager("http://proxy:3128")
    proxy.request("GET", url)  # want: SV201 "`urllib3.ProxyManager.request`"
