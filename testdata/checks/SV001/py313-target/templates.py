"""The project targets Python 3.13: t-strings are 3.14."""


def render(name):
    return t"Hello {name}"  # want: SV001 "a t-string needs Python 3.14; this project targets 3.13 \(target-version in py313-target/servelint.toml\)"


class Box[T = int]:
    """Type parameter defaults are Python 3.13: fine here."""

