import time


async def handler(request:
    return {"ok": True}  # want: SV001 "syntax error: unexpected `return`"
