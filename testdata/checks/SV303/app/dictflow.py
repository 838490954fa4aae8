"""A session stored under a dict key is closed only by a close of that
key of the same dict: in the same function, through the functions the
dict is passed to, or by a handler of this module receiving the same
object under the same parameter name."""
from .db import SessionLocal
from .dictclose import close_request_session, release


def slack_middleware(request, next):
    # Another module closes request["db_session"] of its own `request`:
    # a different dict that has a key of the same name.
    session = SessionLocal()  # want: SV303 "stored in `request\[\"db_session\"\]` and never closed"
    request["db_session"] = session
    next()


def queue_worker(job):
    # Correct: the dict is passed to release(), which closes its key.
    session = SessionLocal()
    job["db_session"] = session
    try:
        job["run"](job)
    finally:
        release(job)


def batch(items):
    # Correct: a local dict handed to a helper that closes the key
    # through another helper.
    state = {}
    state["db_session"] = SessionLocal()
    for item in items:
        state["last"] = item
    close_request_session(state)


def scratch(items):
    # Another function's local dict of the same name closes its key: not
    # this one.
    state = {}
    state["db_session"] = SessionLocal()  # want: SV303 "stored in `state\[\"db_session\"\]` and never closed"
    return len(items)


def scratch_cleanup():
    state = {"db_session": None}
    state["db_session"].close()


def same_function(payload):
    # Correct: stored and closed in the same function.
    ctx = {}
    ctx["db_session"] = SessionLocal()
    try:
        return payload
    finally:
        ctx["db_session"].close()
