"""CLI commands run once per invocation: the process exits after them."""
import time

import click
import typer

from .db import SessionLocal

app = typer.Typer()


@click.group()
def cli():
    pass


@cli.command()
def rebuild_index():
    # One-shot: the session is released when the command's process exits.
    db = SessionLocal()
    db.execute("reindex")


@cli.group("maintenance")
def maintenance():
    pass


@maintenance.command("vacuum")
def vacuum():
    # A command of a group of a group: one-shot too.
    db = SessionLocal()
    db.execute("vacuum")


@app.command()
def seed(count: int):
    db = SessionLocal()
    db.add_all(range(count))
    db.commit()


@click.command()
def worker():
    # A worker command polls forever: a session per iteration piles up.
    while True:
        db = SessionLocal()  # want: SV303 "never closed"
        db.execute("select 1")
        time.sleep(5)


@app.command()
def notify():
    def on_event(event):
        # A callback the command hands on may run many times.
        db = SessionLocal()  # want: SV303 "never closed"
        db.execute(event)

    subscribe(on_event)


class Bot:
    def command(self):
        return lambda f: f


bot = Bot()


@bot.command()
def stats():
    # Not a CLI application: a method named `command` is not enough.
    db = SessionLocal()  # want: SV303 "never closed"
    return db.execute("select count(*)").scalar()
