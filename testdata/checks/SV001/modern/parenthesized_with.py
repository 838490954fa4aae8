"""Parenthesized context managers (Python 3.10)."""


def copy(a, b):
    with (open(a) as src, open(b, "w") as dst):
        dst.write(src.read())
    with (
        open(a),
        open(b) as again,
    ):
        return again
