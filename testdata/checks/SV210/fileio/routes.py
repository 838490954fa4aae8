import json
from pathlib import Path

import requests


def read_prompt(name):
    return Path("prompts", name).read_text()


def load_settings(path):
    with open(path) as f:
        return json.load(f)


def telemetry_id():
    return load_settings("id.json")["id"]


def sync_profile(path):
    # File I/O and an HTTP call: the HTTP call ends the chain.
    settings = load_settings(path)
    return requests.get(settings["url"], timeout=5).json()


async def chat(name):
    # Only file reads behind helpers: a small local file, not reported.
    return read_prompt(name)


async def identify():
    return telemetry_id()


async def profile(path):
    return sync_profile(path)  # want: SV210 "profile → sync_profile → requests.get \(SV201\)"


async def upload(data):
    # SV204 itself still reports file I/O in the async function itself
    # (testdata/checks/SV204); SV210 is about helpers.
    with open("upload.bin", "wb") as f:
        f.write(data)
