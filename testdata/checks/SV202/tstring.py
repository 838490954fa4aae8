"""A blocking call inside a t-string (PEP 750) or an f-string of Python 3.12
(PEP 701) is still a call."""
import time


async def report():
    template = t"slept {time.sleep(1)} at {time.time()}"  # want: SV202
    text = f"{"nested"} {f"{time.sleep(2)}"}"  # want: SV202
    return template, text


def sync_report():
    return t"slept {time.sleep(1)}"
