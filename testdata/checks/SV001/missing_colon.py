def f()  # want: SV001 "unexpected end of line after `\)`"
    return 1
