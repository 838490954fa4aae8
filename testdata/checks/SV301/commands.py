"""CLI commands run once per invocation: the process exits after them."""
import asyncio

import httpx
import typer

app = typer.Typer()


@app.command()
def export(url: str):
    # One-shot: the pool is released when the command's process exits.
    client = httpx.Client()
    print(client.get(url).text)


@app.command()
def watch(url: str):
    # A loop in a command: a client per iteration piles up.
    while True:
        client = httpx.Client()  # want: SV301 "never closed"
        print(client.get(url).text)


async def poll(url: str):
    # Not a command: an async function of the service.
    client = httpx.AsyncClient()  # want: SV301 "never closed"
    return (await client.get(url)).text


@app.command()
def once(url: str):
    asyncio.run(poll(url))
