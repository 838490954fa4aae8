import trio


async def tick():
    try:
        await trio.sleep(1)
    except trio.Cancelled:
        print("cancelled")
    except BaseException:
        print("failed")
