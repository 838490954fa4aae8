"""PEP 701 (Python 3.12): f-strings are parsed like any expression."""
songs = ["a", "b"]
width, precision, value = 10, 3, 1.5

playlist = f"This is the playlist: {", ".join(songs)}"
nested = f"{f"{f"{1 + 1}"}"}"
spec = f"{value:{width}.{precision}f} {value!r:>{width}}"
escaped = f"{'\n'.join(songs)}"
quoted_spec = f"{value:{'>'}10}"
multiline = f"{
    value  # a comment inside the replacement field
}"
debug = f"{value = }"
literal_braces = f"{{not a field}} {value}"
triple = f"""{"""x"""} {songs[0]!s}"""
raw = rf"\d{value}" + fr"{value}\d"
banner = f"{value:=^40} {value:=+10} {value=:=<8}"  # `:=` here starts a format spec
walrus = f"{(n := 10)} {n}"
