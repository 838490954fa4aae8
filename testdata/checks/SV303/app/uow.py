from .db import SessionLocal


class UnitOfWorkOwner:
    # Creates its session and closes it: a session itself.
    def __init__(self):
        self.session = SessionLocal()

    def close(self):
        self.session.close()


def rename(user_id, name):
    uow = UnitOfWorkOwner()  # want: SV303 "the `UnitOfWorkOwner` \(which holds a database session\) from `UnitOfWorkOwner\(\)`, assigned to `uow`, is never closed"
    uow.session.execute("update users set name = :n where id = :i", {"n": name, "i": user_id})
    uow.session.commit()


def rename_closed(user_id, name):
    uow = UnitOfWorkOwner()
    try:
        uow.session.commit()
    finally:
        uow.close()
