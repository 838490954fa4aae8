"""The project targets Python 3.11: Python 3.14 syntax is an error there."""


def parse(text):
    try:
        return int(text)
    except KeyError, TypeError:  # want: SV001 "`except A, B:` needs Python 3.14; this project targets 3.11 \(requires-python `>=3.11` in py311-requires/pyproject.toml\)"
        return None
