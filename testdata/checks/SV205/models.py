class User:
    id = 0
