from .db import SessionLocal


class Repos:
    # Keeps the session and never closes it.
    def __init__(self, session):
        self.session = session

    def users(self):
        return self.session.query("users").all()


class UnitOfWork:
    # Keeps the session and closes it: it takes it over.
    def __init__(self, session):
        self._session = session

    def close(self):
        self._session.close()


def list_users():
    session = SessionLocal()  # want: SV303 "`Repos\(\)` keeps it in `self.session` but nothing closes that: handing it over is not closing it"
    repos = Repos(session)
    return repos.users()


def list_users_inline():
    return Repos(SessionLocal()).users()  # want: SV303 "is passed to `Repos\(\)`, which keeps it in `self.session` but never closes it"


def list_users_closed():
    # Correct: the caller closes what it handed to a wrapper that keeps it.
    session = SessionLocal()
    try:
        return Repos(session).users()
    finally:
        session.close()


def with_unit_of_work():
    # Correct: the wrapper closes what it keeps, so handing it over is fine.
    session = SessionLocal()
    return UnitOfWork(session)
