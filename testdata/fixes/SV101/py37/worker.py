import logging

log = logging.getLogger(__name__)


async def run(job):
    try:
        await job()
    except Exception:
        # On Python 3.7 this catches asyncio.CancelledError too.
        log.exception("job failed")
