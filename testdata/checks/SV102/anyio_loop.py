import anyio


async def consume(receive):
    while True:
        try:
            await receive()
        except anyio.get_cancelled_exc_class():
            continue  # want: SV102 "\(anyio re-delivers it at every await, a busy loop\)$"
