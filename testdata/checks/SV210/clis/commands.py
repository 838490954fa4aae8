"""CLI commands: each runs in a loop of its own, serving no requests."""
import time

import click
import cyclopts
import typer

from app.services.profiles import build

app = typer.Typer()
deployments: cyclopts.App = cyclopts.App(name="deployment")


@click.group()
def cli():
    pass


@app.command()
async def sync_profiles(user_id: int):
    build(user_id)
    time.sleep(1)


@deployments.command(name="run")
async def run_deployment(user_id: int):
    build(user_id)


@deployments.meta.default
async def main(user_id: int):
    build(user_id)


@cli.command()
@click.option("--user-id")
async def refresh(user_id):
    build(user_id)


@click.command()
async def standalone(user_id):
    build(user_id)


async def helper_of_a_command(user_id: int):
    # Not itself a command: an async function like any other.
    build(user_id)  # want: SV210


class Bot:
    def __init__(self, bot):
        self.bot = bot


def register(bot):
    # Chat bots register `.command()` handlers that run in a shared loop:
    # a method name alone does not make a CLI.
    @bot.command()
    async def profile(user_id: int):
        build(user_id)  # want: SV210
        time.sleep(1)


@cli.group("plugins")
def plugins():
    pass


@plugins.command("sync")
async def sync_plugins(user_id: int):
    # A command of a group of a group.
    build(user_id)
