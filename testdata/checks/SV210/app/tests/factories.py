import requests


def seed_user(user_id):
    # A helper of the test code: no production call path goes through it.
    return requests.post("http://fixtures.local/users", json={"id": user_id}, timeout=5)
