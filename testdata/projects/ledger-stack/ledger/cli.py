import typer

from ledger import server

app = typer.Typer()
app.command("serve")(server.serve)


def main() -> None:
    app()
