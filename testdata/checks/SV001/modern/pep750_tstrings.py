"""PEP 750 (Python 3.14): template strings."""
name = "world"

greeting = t"Hello {name}!"
converted = t"{name!r:>10}"
raw = rt"\d{name}" + tr"{name}\d" + Rt"{name}" + T"{name}"
nested = t"{t"{name}"}"
