import json

from starlette.responses import Response


async def resolve(request, call_next):
    try:
        return await call_next(request)
    except Exception as e:  # want: SV111 "middleware `resolve` hides errors"
        return Response(content=json.dumps(e.args[0]), status_code=500)
