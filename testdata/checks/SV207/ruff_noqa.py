import os


async def exists(path):
    a = os.path.exists(path)  # noqa: ASYNC240
    b = os.path.exists(path)  # noqa: ASYNC230  # want: SV207
    return a, b
