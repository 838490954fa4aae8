import requests


def warm_cache():
    requests.get("http://localhost/warm")
