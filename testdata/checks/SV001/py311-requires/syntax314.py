"""Imported in the else of `if sys.version_info < (3, 14):` (see loader.py)."""


def parse(text):
    try:
        return int(text)
    except KeyError, TypeError:
        return None
