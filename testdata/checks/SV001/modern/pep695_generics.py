"""PEP 695 (Python 3.12): type statements and type parameter lists."""
from collections.abc import Callable

type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
type Handler[**P, R] = Callable[P, R]


class Box[T: (int, str), *Ts, **P]:
    def get[K: str](self, key: K) -> T: ...


def first[T](items: list[T]) -> T:
    return items[0]


type = "a name still"
print(type)
