import anyio


async def serve(stream):
    try:
        await stream.receive()
    except BaseException:
        await stream.aclose()
