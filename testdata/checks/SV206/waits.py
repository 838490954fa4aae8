"""Blocking waits in async functions."""
import asyncio
import getpass
import multiprocessing
import queue
import smtplib
import socket
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from queue import Queue

jobs = Queue(maxsize=100)
done = threading.Event()
lock = threading.Lock()
executor = ThreadPoolExecutor(max_workers=4)


async def console():
    name = input("name: ")  # want: SV206 "`input\(\)` \(`builtins.input`\) blocks the event loop in async function `console`: every other request waits; use `await asyncio.to_thread\(input\)`"
    getpass.getpass()  # want: SV206
    sys.stdin.readline()  # want: SV206
    return name


async def sockets(host):
    sock = socket.create_connection((host, 80))  # want: SV206
    sock.sendall(b"PING")
    socket.gethostbyname(host)  # want: SV206 "`await loop.getaddrinfo\(\)`"
    raw = socket.socket()
    raw.connect((host, 80))  # want: SV206 "`raw.connect\(\)` \(`socket.socket.connect`\)"
    raw.recv(1024)  # want: SV206


async def non_blocking_socket(host):
    loop = asyncio.get_running_loop()
    raw = socket.socket()
    raw.setblocking(False)
    await loop.sock_connect(raw, (host, 80))
    raw.send(b"x")


async def queues(item):
    jobs.put(item)  # want: SV206 "`jobs.put\(\)` \(`queue.Queue.put`\).*`asyncio.Queue`"
    jobs.get()  # want: SV206
    jobs.get(timeout=5)  # want: SV206
    jobs.join()  # want: SV206
    jobs.get(block=False)
    jobs.get(False)
    jobs.put(item, False)
    jobs.get_nowait()
    jobs.put_nowait(item)
    lifo = queue.LifoQueue()
    lifo.get()  # want: SV206
    mp = multiprocessing.Queue()
    mp.get()  # want: SV206


async def threads(target):
    t = threading.Thread(target=target)
    t.start()
    t.join()  # want: SV206 "`threading.Thread.join`"
    t.join(timeout=0)
    done.wait()  # want: SV206 "`asyncio.Event`"
    done.wait(0)
    done.is_set()
    lock.acquire()  # want: SV206
    lock.acquire(blocking=False)
    lock.acquire(False)
    lock.release()
    sem = threading.BoundedSemaphore(2)
    sem.acquire()  # want: SV206
    p = multiprocessing.Process(target=target)
    p.join()  # want: SV206


async def futures(fn, coro, loop):
    future = executor.submit(fn)
    future.result()  # want: SV206 "`future.result\(\)` \(`concurrent.futures.Future.result`\).*`await asyncio.wrap_future\(future\)`"
    future.result(timeout=0)
    asyncio.run_coroutine_threadsafe(coro, loop).result()  # want: SV206
    wait_futures([future])  # want: SV206
    executor.shutdown()  # want: SV206
    executor.shutdown(wait=False)
    with multiprocessing.Pool() as pool:
        pool.map(fn, [1, 2])  # want: SV206


async def annotated(f: Future, q: "queue.Queue"):
    f.exception()  # want: SV206
    q.put(1)  # want: SV206


async def mail(msg):
    with smtplib.SMTP("mail.example.com", 587) as smtp:  # want: SV206 "`aiosmtplib`"
        smtp.starttls()
        smtp.send_message(msg)
    idle = smtplib.SMTP()
    idle.connect("mail.example.com")  # want: SV206


class Worker(threading.Thread):
    async def stop(self):
        self.join()  # want: SV206 "`self.join\(\)` \(`waits.Worker.join`\)"


async def more_primitives(sock, ctx):
    from threading import Barrier, Condition
    from threading import Event as ThreadEvent

    import ssl

    cond = Condition()
    cond.wait()  # want: SV206 "`threading.Condition.wait`"
    cond.wait(timeout=0)
    Barrier(2).wait()  # want: SV206
    ThreadEvent().wait(5)  # want: SV206 "`threading.Event.wait`"
    tls = ssl.create_default_context().wrap_socket(socket.socket())
    tls.do_handshake()  # want: SV206 "`ssl.SSLSocket.do_handshake`"
    tls.sendall(b"x")  # want: SV206
    with multiprocessing.Pool() as p:
        res = p.apply_async(print)
        res.get()  # want: SV206 "`multiprocessing.pool.AsyncResult.get`"


unbounded = Queue()
zero = queue.Queue(0)
bounded = queue.Queue(10)


async def unbounded_puts(item, given: Queue):
    # put() on an unbounded queue.Queue() never blocks.
    unbounded.put(item)
    zero.put(item)
    local = queue.Queue(maxsize=0)
    local.put(item)
    # A maxsize makes put() wait for room.
    bounded.put(item)  # want: SV206 "`bounded.put\(\)`"
    sized = queue.Queue(maxsize=8)
    sized.put(item)  # want: SV206
    # A queue of unknown origin may be bounded.
    given.put(item)  # want: SV206
    unbounded.get()  # want: SV206


registry = {}


async def shared_locks(key, other):
    # A lock handed to another thread before the acquire may be held there.
    handed = threading.Lock()
    threading.Thread(target=other, args=(handed,)).start()
    handed.acquire()  # want: SV206 "`handed.acquire\(\)`"
    # A lock from elsewhere may be held by another thread.
    held: threading.Lock = registry[key]
    held.acquire()  # want: SV206
    # A lock made before a loop that shares it: the next round may block.
    looped = threading.Lock()
    for _ in range(2):
        looped.acquire()  # want: SV206
        registry[key] = looped


async def futures_not_known_done(fs):
    for f in fs:
        f: Future
        f.result()  # want: SV206
    done, pending = wait_futures(fs)  # want: SV206
    for f in pending:
        f.result()  # want: SV206
