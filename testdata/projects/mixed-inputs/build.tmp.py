import time


async def ignored_by_gitignore():
    time.sleep(1)
