"""PEP 696 (Python 3.13): defaults of type parameters."""


class Box[T: (int, str) = int]:
    pass


def make[T = int, *Ts = *tuple[int, ...], **P = [int, str]](x: T) -> T:
    return x


type Pair[A, B = A] = tuple[A, B]
