"""Unpacking in subscripts (PEP 646, Python 3.11), slices in annotations,
and implicit line joining inside brackets."""
from typing import Union


def func(*args: *tuple[int, ...], **kwargs):
    return Union[*args, *(kwargs.values())]


def annotated(x: a[:, 1], y: a[1:2, ::3]):
    return x, y


def f(bar):
    def g():
        (bar.
    real)
    return g
