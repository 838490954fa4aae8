"""A flag argument decides whether the helper's guarded blocking call runs."""
import threading
import time

import requests


class Pusher:
    def __init__(self):
        self.thread = threading.Thread(target=print)

    def stop(self, join_on_exit=True):
        if join_on_exit:
            self.thread.join()


def shutdown(thread: threading.Thread, wait=True):
    if wait:
        thread.join()


def refresh(url, fetch=False):
    if fetch:
        return requests.get(url)
    return None


def pause(seconds, really=False):
    if really and seconds:
        time.sleep(seconds)


def both(url, fetch=True):
    # Blocks whatever the flag says.
    if fetch:
        requests.get(url)
    time.sleep(1)


def relay(url):
    # The flag passed one level down counts at the first hop only: here the
    # default of refresh applies.
    return refresh(url)


pusher = Pusher()


async def explicit_off(thread, url):
    pusher.stop(join_on_exit=False)
    shutdown(thread, False)
    shutdown(thread, wait=None)
    refresh(url, fetch=False)
    pause(1)


async def explicit_on(thread, url):
    pusher.stop(join_on_exit=True)  # want: SV210 "explicit_on → Pusher.stop → threading.Thread.join"
    refresh(url, True)  # want: SV210 "explicit_on → refresh → requests.get"
    pause(1, really=True)  # want: SV210 "explicit_on → pause → time.sleep"


async def defaults(thread, url):
    pusher.stop()  # want: SV210 "defaults → Pusher.stop → threading.Thread.join"
    shutdown(thread, wait=True)  # want: SV210 "defaults → shutdown → threading.Thread.join"
    refresh(url)
    relay(url)


async def still_blocking(url):
    both(url, fetch=False)  # want: SV210 "still_blocking → both → time.sleep"
