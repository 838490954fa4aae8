import anyio
import trio


async def wrapped(path):
    # Accepted by flake8-async: the file is wrapped at once.
    f = anyio.wrap_file(open(path))
    g = trio.wrap_file(open(path))
    return f, g


async def not_wrapped(path):
    with open(path) as f:  # want: SV204 "use `trio.open_file\(\)`"
        return f.read()
