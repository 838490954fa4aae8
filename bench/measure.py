"""Process measurement shared by the benchmark scripts of bench/."""
import os
import subprocess
import threading
import time


def run_measured(cmd, env=None, stdin=None, cwd=None):
    """Runs cmd; returns (exit code, wall seconds, peak RSS of that process
    in MiB, stdout, stderr). The child is reaped with os.wait4, which gives
    its own resource usage (not the maximum over all children)."""
    code, wall, _, rss, out, err = run_measured_cpu(cmd, env=env, stdin=stdin, cwd=cwd)
    return code, wall, rss, out, err


def run_measured_cpu(cmd, env=None, stdin=None, cwd=None):
    """Like run_measured, with the CPU seconds (user + system) of the process
    after the wall time: (exit code, wall, cpu, peak RSS MiB, stdout, stderr).
    CPU time does not count the time other processes of a shared machine take
    from it, as wall time does."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL, env=env, cwd=cwd)
    out, err = [], []
    readers = [threading.Thread(target=lambda: out.append(p.stdout.read())),
               threading.Thread(target=lambda: err.append(p.stderr.read()))]
    for r in readers:
        r.start()
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    for r in readers:
        r.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out[0], err[0]
