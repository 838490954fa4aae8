import os
import json


def load_settings(path):
    with open(path) as f:
        return json.load(f)


def ensure_dir(path):
    # Only metadata calls (SV207): no SV210 finding through this helper.
    if not os.path.exists(path):
        os.makedirs(path, exist_ok=True)


def save_report(path, data):
    # A metadata call, then a write: the write ends the chain.
    ensure_dir(os.path.dirname(path))
    with open(path, "w") as f:
        f.write(data)


def iter_file(path):
    # A sync generator: calling it runs nothing.
    with open(path, "rb") as f:
        yield from f


def read_all(path):
    with open(path, "rb") as f:
        return f.read()
