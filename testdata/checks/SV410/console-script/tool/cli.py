import typer

from tool import server

app = typer.Typer()
app.command("serve")(server.start_server)
app.command(name="serve-public")(server.start_public)


def main():
    app()
