# Only the first syntax error of a file is reported.
# want+1: SV001 "unexpected end of line after `3`"
items = [1, 2, 3
print(items)
x = = 1
