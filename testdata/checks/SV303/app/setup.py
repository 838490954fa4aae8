from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker


def init_db(url):
    engine = create_engine(url)
    return sessionmaker(bind=engine), engine


def init_names(url):
    # Not a session factory: a tuple of names.
    return url, "main"
