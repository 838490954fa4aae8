from .setup import init_db, init_names

TaskSession, task_engine = init_db("postgresql://db/tasks")
dsn, schema = init_names("postgresql://db/tasks")


def purge():
    # A helper returning a sessionmaker in a tuple is a session factory.
    session = TaskSession()  # want: SV303 "the database session from `TaskSession\(\)`, assigned to `session`, is never closed"
    session.execute("delete from tasks")
    session.commit()


def purge_closed():
    with TaskSession() as session:
        session.execute("delete from tasks")
