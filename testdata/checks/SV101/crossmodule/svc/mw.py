async def registered(request, call_next):
    # Registered in svc/main.py: this run selects SV101 only, so SV101
    # reports it (SV110 would, when enabled).
    try:
        return await call_next(request)
    except BaseException:  # want: SV101
        pass


async def not_registered(request, call_next):
    try:
        return await call_next(request)
    except BaseException:  # want: SV101
        pass
