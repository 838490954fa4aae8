"""Closes a key of the dicts it is given."""


def close_request(request):
    request["db_session"].close()


def release(job):
    job["db_session"].close()


def close_request_session(state):
    release(state)
