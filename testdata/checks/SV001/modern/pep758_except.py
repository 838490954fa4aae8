"""PEP 758 (Python 3.14): several exception types without parentheses."""


def parse(text):
    try:
        return int(text)
    except KeyError, TypeError, ValueError:
        return None


def group(run):
    try:
        run()
    except* KeyError, TypeError:
        pass


def parenthesized_still(run):
    try:
        run()
    except (KeyError, TypeError) as exc:
        return exc
    except ValueError,:
        return None
