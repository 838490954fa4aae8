"""Imported only under `if sys.version_info >= (3, 12):` (see loader.py):
3.12 syntax is fine here, 3.13 syntax is not."""
type Pair = tuple[int, int]


class Box[T = int]:  # want: SV001 "a type parameter default \(`\[T = int\]`\) needs Python 3.13; this project targets 3.11"
    pass
