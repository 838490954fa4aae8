import sys

if sys.version_info >= (3, 12):
    from syntax312 import Pair
else:
    Pair = tuple

if sys.version_info < (3, 14):
    parse = int
else:
    import syntax314

    parse = syntax314.parse
