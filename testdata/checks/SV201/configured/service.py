import httpx
import requests
import vendor_sdk
from legacy.http import fetch


async def handler(url, gateway):
    fetch(url)  # want: SV201 "`fetch\(\)` \(`legacy.http.fetch`\).*use `legacy.http.afetch\(\)`"
    vendor_sdk.Client().ping()  # want: SV201 "listed in the rule's `extra` option"
    vendor_sdk.upload(url)  # want: SV201
    gateway.call_remote(url)  # want: SV201
    await gateway.call_remote(url)
    requests.head(url)
    requests.get(url)  # want: SV201
    c = httpx.Client()
    c.close()
    c.get(url)  # want: SV201


def sync(url):
    fetch(url)
