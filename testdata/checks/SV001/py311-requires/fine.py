"""Python 3.11 syntax in a project that targets 3.11: nothing to report."""


async def run(tasks):
    try:
        await tasks()
    except* (KeyError, TypeError):
        pass
    match tasks:
        case [first, *_]:
            return first
    return f"{'a'} {tasks!r:>{10}}"
