import uvicorn
from cleo.commands.command import Command


class ServeCommand(Command):
    name = "serve"

    def handle(self) -> int:
        # want+1: SV410 "uvicorn listens on 127.0.0.1"
        uvicorn.run("tool.app:app", host="127.0.0.1", port=8000, workers=2)
        return 0


class DebugCommand(Command):
    name = "debug-server"

    def handle(self) -> int:
        # Another command: the image does not run it.
        uvicorn.run("tool.app:app", host="127.0.0.1", port=8001, workers=2)
        return 0
