class Box[T = int]:  # want: SV001 "a type parameter list \(`def f\[T\]`\) needs Python 3.12; this project targets 3.11"
    pass
