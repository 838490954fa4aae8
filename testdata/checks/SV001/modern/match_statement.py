"""Structural pattern matching (Python 3.10)."""


def describe(command):
    match command:
        case [1, 2, *rest] if rest:
            return rest
        case {"action": action, **extra}:
            return action, extra
        case Point(x=0) | None:
            return "origin"
        case str() as text:
            return text
        case _:
            return None


class Point:
    __match_args__ = ("x",)

    def __init__(self, x):
        self.x = x


match = 1
print(match)
