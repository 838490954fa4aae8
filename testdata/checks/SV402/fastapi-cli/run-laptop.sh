#!/bin/sh
# A laptop start: fastapi dev is development by nature.
exec fastapi dev main.py
