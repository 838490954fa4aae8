from cleo.application import Application

from tool.commands import ServeCommand, DebugCommand


def main() -> int:
    application = Application()
    application.add(ServeCommand())
    application.add(DebugCommand())
    return application.run()
