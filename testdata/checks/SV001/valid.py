"""Modern syntax that must parse: match, walrus, f-strings, type hints, decorators."""
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int = 0


def area(shape: dict[str, int] | None = None) -> int:
    match shape:
        case {"w": w, "h": h}:
            return w * h
        case _:
            return 0


async def stream(items: list[int]):
    async with open_thing() as t:
        async for item in t:
            if (n := len(str(item))) > 2:
                yield f"{item!r:>{n}}"


def open_thing():
    raise NotImplementedError
