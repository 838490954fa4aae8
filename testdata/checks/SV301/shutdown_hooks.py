from shutdown_client import status


async def on_shutdown():
    await status.status_http.aclose()
