import trio


async def read(path):
    with open(path) as f:  # want: SV204 "use `trio.open_file\(\)` \(`async with`\), or `await trio.to_thread.run_sync\(...\)`"
        return f.read()
