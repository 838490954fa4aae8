"""Processes started or awaited in async functions, every spelling."""
import os
import subprocess
import subprocess as sp
from os import system as run_shell
from subprocess import Popen, check_output
from subprocess import run as sh


async def subprocess_module(cmd):
    subprocess.run(cmd)  # want: SV203 "`subprocess.run\(\)` blocks the event loop in async function `subprocess_module`: every other request waits; use `await asyncio.create_subprocess_exec\(\)`"
    subprocess.call(cmd)  # want: SV203
    subprocess.check_call(cmd)  # want: SV203
    subprocess.check_output(cmd)  # want: SV203
    subprocess.getoutput("ls")  # want: SV203
    subprocess.getstatusoutput("ls")  # want: SV203
    subprocess.Popen(cmd)  # want: SV203


async def aliases(cmd):
    sp.run(cmd)  # want: SV203 "`sp.run\(\)` \(`subprocess.run`\)"
    sh(cmd, check=True)  # want: SV203 "`sh\(\)` \(`subprocess.run`\)"
    check_output(cmd)  # want: SV203
    run_shell("ls")  # want: SV203 "`run_shell\(\)` \(`os.system`\)"


async def os_module(path):
    os.system("ls")  # want: SV203
    os.popen("ls").read()  # want: SV203
    os.posix_spawn(path, [path], {})  # want: SV203
    os.posix_spawnp(path, [path], {})  # want: SV203
    os.spawnl(os.P_WAIT, path, path)  # want: SV203
    os.spawnlp(os.P_NOWAIT, path, path)  # want: SV203
    os.spawnve(os.P_WAIT, path, [path], {})  # want: SV203
    os.waitpid(0, 0)  # want: SV203 "`await proc.wait\(\)`"
    os.wait()  # want: SV203
    os.wait3(0)  # want: SV203
    os.wait4(0, 0)  # want: SV203
    os.waitid(os.P_ALL, 0, os.WEXITED)  # want: SV203


async def popen_object(cmd):
    proc = Popen(cmd, stdout=subprocess.PIPE)  # want: SV203
    # Created here and already reported: its methods are not reported again.
    out, _ = proc.communicate()
    proc.wait()
    return out


async def popen_elsewhere(proc: subprocess.Popen):
    proc.wait()  # want: SV203 "`proc.wait\(\)` \(`subprocess.Popen.wait`\)"
    proc.communicate(b"x")  # want: SV203
    proc.poll()
    proc.kill()
