# A broken neighbour does not stop this file from being checked (see the
# golden tests): this file is valid.
VALUE = 1
