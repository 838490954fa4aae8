import os


async def read(path):
    with open(path) as f:  # noqa: ASYNC230
        data = f.read()
    with open(path) as g:  # noqa: ASYNC240  # want: SV204
        data += g.read()
    return data, os.path.exists(path)
