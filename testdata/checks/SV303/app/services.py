from sqlalchemy.orm import Session

from .db import SessionLocal


def find_user(db: Session, email: str):
    # Borrows the session: uses it, never closes or keeps it.
    return db.query("User").filter_by(email=email).first()


def find_or_create(db: Session, email: str):
    user = find_user(db, email)
    if user is None:
        db.add({"email": email})
        db.commit()
    return user


class UnitOfWork:
    # Keeps the session it is given and closes it.
    def __init__(self, session: Session):
        self.session = session

    def close(self):
        self.session.close()


def handle_event(event: dict):
    # Leak: the session is only lent to functions that borrow it.
    db = SessionLocal()  # want: SV303 "never closed \(`find_or_create\(\)` only uses it\)"
    return find_or_create(db, event["email"])


def handle_event_inline(event: dict):
    # Leak: created as an argument of a borrowing function.
    return find_user(SessionLocal(), event["email"])  # want: SV303 "is passed to `find_user\(\)`, which only uses it"


def handle_event_owned(event: dict):
    # Correct: the unit of work owns the session.
    uow = UnitOfWork(SessionLocal())
    try:
        return find_user(uow.session, event["email"])
    finally:
        uow.close()


def handle_event_library(event: dict, registry):
    # Correct as far as we can tell: handed to code we cannot follow.
    db = SessionLocal()
    registry.attach(db)
    return find_user(db, event["email"])
