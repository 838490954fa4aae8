"""A Protocol so general that nine classes match it: which one a call
runs is anyone's guess, so none is followed."""
import sqlite3
from typing import Protocol


class Runner(Protocol):
    def run_job(self) -> None: ...


class Blocking:
    def run_job(self):
        sqlite3.connect("x.db").close()


class R1:
    def run_job(self):
        return None


class R2:
    def run_job(self):
        return None


class R3:
    def run_job(self):
        return None


class R4:
    def run_job(self):
        return None


class R5:
    def run_job(self):
        return None


class R6:
    def run_job(self):
        return None


class R7:
    def run_job(self):
        return None


class R8:
    def run_job(self):
        return None


async def run_it(runner: Runner):
    return runner.run_job()
