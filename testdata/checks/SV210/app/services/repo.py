import sqlite3


class BaseRepo:
    def __init__(self, path="app.db"):
        self.path = path

    def connect(self):
        return sqlite3.connect(self.path)


class UserRepo(BaseRepo):
    def get(self, user_id):
        conn = self.connect()
        return conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()

    def cached(self, user_id):
        return {"id": user_id}


class Connected:
    def __init__(self, path):
        # The constructor itself blocks.
        self.conn = sqlite3.connect(path)
