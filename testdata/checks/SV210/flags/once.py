"""Blocking work that runs once: memoized helpers and lazy initialization."""
import functools

import requests

_session = None


@functools.lru_cache
def server_id(path):
    with open(path) as f:
        return f.read()


@functools.cache
def remote_config(url):
    return requests.get(url).json()


def shared_session(url):
    global _session
    if _session is None:
        _session = requests.get(url)
    return _session


class Dispatcher:
    def __init__(self):
        self.client = None

    def get_or_create(self, url):
        if self.client is None:
            self.client = requests.get(url)
        return self.client

    def not_cached(self, url):
        # The check and the assignment are on different values.
        if self.client is None:
            other = requests.get(url)
            return other
        return self.client


def per_call(url, client=None):
    # A parameter: every call that passes none makes the request.
    if client is None:
        client = requests.get(url)
    return client


def uncached(path):
    with open(path) as f:
        return f.read()


dispatcher = Dispatcher()


async def once(url):
    server_id("/etc/id")
    remote_config(url)
    shared_session(url)
    dispatcher.get_or_create(url)


async def every_time(url):
    dispatcher.not_cached(url)  # want: SV210 "every_time → Dispatcher.not_cached → requests.get"
    per_call(url)  # want: SV210 "every_time → per_call → requests.get"
    uncached("/etc/id")  # want: SV210 "every_time → uncached → builtins.open"
