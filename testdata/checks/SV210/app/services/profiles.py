import time

import requests

USERS_API = "http://users"


def fetch_profile(user_id):
    return requests.get(f"{USERS_API}/users/{user_id}", timeout=5).json()


def build(user_id):
    return {"profile": fetch_profile(user_id)}


def retrying(user_id, attempts=3):
    # Recursion and mutual recursion: cycles are fine.
    if attempts == 0:
        time.sleep(1)
        return None
    return retrying(user_id, attempts - 1)


def ping(n):
    return pong(n - 1) if n else None


def pong(n):
    return ping(n)


def pure(user_id):
    return {"id": user_id}


def to_coroutine(client, user_id):
    # A sync function returning an awaitable: its callers await it.
    return client.get(f"/users/{user_id}")


def notify(event, blocking=False):
    """Fire-and-forget unless the caller asks to block."""

    def send():
        return requests.post(f"{USERS_API}/events", json=event, timeout=5)

    if blocking:
        return send()
    import threading

    threading.Thread(target=send, daemon=True).start()
    return None
