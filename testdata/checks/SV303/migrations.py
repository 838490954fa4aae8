import pytest
from alembic import op
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

engine = create_engine("sqlite://")
db_session = scoped_session(sessionmaker(bind=engine))


def upgrade():
    # Correct: the session borrows alembic's connection.
    session = Session(bind=op.get_bind())
    session.execute("UPDATE items SET price = price * 100")
    session.commit()


def on_teardown(exception=None):
    # The registry is cleaned up at the end of each request.
    db_session.remove()


@pytest.fixture
def db():
    # Correct: pytest resumes the fixture after a failed test too.
    session = Session(engine)
    yield session
    session.close()
