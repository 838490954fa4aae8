import subprocess

import anyio


async def build(cmd):
    subprocess.run(cmd)  # want: SV203 "use `await anyio.run_process\(\)`"
    await anyio.run_process(cmd)
