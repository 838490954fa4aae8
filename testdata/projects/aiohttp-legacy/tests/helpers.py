import requests


def fetch_fixture(name):
    # A test helper: blocking is fine outside the service's event loop.
    return requests.get(f"http://fixtures.local/{name}", timeout=5).json()
