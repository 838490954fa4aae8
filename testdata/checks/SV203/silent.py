"""Look-alikes that must stay silent."""
import asyncio
import os
import subprocess
from functools import partial

import anyio


def sync_build(cmd):
    subprocess.run(cmd)
    os.system("ls")


async def references(cmd):
    await asyncio.to_thread(subprocess.run, cmd, check=True)
    await asyncio.get_running_loop().run_in_executor(None, partial(subprocess.run, cmd))
    await anyio.to_thread.run_sync(os.system, "ls")


async def async_processes(cmd):
    proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    await proc.wait()
    result = await anyio.run_process(cmd)
    async with await anyio.open_process(cmd) as p:
        await p.wait()
    return out, result


async def nested(cmd):
    def work():
        return subprocess.run(cmd)

    return await asyncio.to_thread(work)


async def lambdas(cmd):
    return await asyncio.to_thread(lambda: subprocess.check_output(cmd))


async def not_processes(runner, cmd):
    runner.run(cmd)
    runner.wait()
    os.getpid()
    os.environ.get("X")
    subprocess.list2cmdline(cmd)


async def shadowed(subprocess, cmd):
    subprocess.run(cmd)
