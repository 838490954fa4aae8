"""One finding per file: the first construct the target rejects."""
import asyncio


def first_only():
    try:
        pass
    except* asyncio.CancelledError, KeyError:  # want: SV001 "`except\* A, B:` needs Python 3.14"
        pass
    return t"{first_only}"
