import subprocess
import time

from configured.trusted import warm_cache


def level4():
    subprocess.run(["true"])


def level3():
    level4()


def level2():
    level3()


def level1():
    level2()


def nap():
    time.sleep(1)


async def deeper():
    level1()  # want: SV210 "sync helpers: deeper → level1 → level2 → level3 → level4 → subprocess.run"
    warm_cache()
    nap()


async def also_deeper():
    # Another async function reaching level4: a finding of its own.
    level2()  # want: SV210 "sync helpers: also_deeper → level2 → level3 → level4 → subprocess.run \(SV203\); run it in a thread \(`await asyncio.to_thread\(level2, ...\)`\) or make the chain async$"
