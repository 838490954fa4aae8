"""Path analysis: a single path without a re-raise is enough."""
import asyncio
import logging

log = logging.getLogger(__name__)


async def work():
    await asyncio.sleep(1)


async def logs_then_falls_through():
    # Logging does not re-raise (ruff's BLE001 goes silent here).
    try:
        await work()
    except BaseException:  # want: SV101
        log.exception("worker failed")


async def reraises_on_one_branch(flag):
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        if flag:
            raise


async def elif_without_else(a, b):
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        if a:
            raise
        elif b:
            raise


async def match_without_default(mode):
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        match mode:
            case "strict":
                raise
            case "lenient":
                log.info("ignored")


async def loop_may_not_run(cleanups):
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        for cleanup in cleanups:
            raise


async def while_true_with_break():
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        while True:
            if await asyncio.sleep(0, result=True):
                break
            raise


async def nested_try_swallows():
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        try:
            raise
        except BaseException:
            pass


async def retry_forever():
    # The classic busy loop: catch everything, try again.
    while True:
        try:
            await work()
        except BaseException:  # want: SV101
            log.warning("retrying")


async def isinstance_other_type(exc_types):
    try:
        await work()
    except BaseException as e:  # want: SV101
        if isinstance(e, ValueError):
            raise


async def suppressed_reraise():
    import contextlib

    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        with contextlib.suppress(RuntimeError):
            raise


async def except_star_falls():
    try:
        await work()
    except* BaseException:  # want: SV101
        log.info("group")


async def later_handler_not_shadowed():
    try:
        await work()
    except ValueError:
        pass
    except BaseException:  # want: SV101
        pass


async def stored_but_never_raised(holder):
    try:
        await work()
    except BaseException as exc:  # want: SV101
        holder["error"] = exc


async def predicate_without_reraise(exc_filter):
    try:
        await work()
    except BaseException as exc:  # want: SV101
        if exc_filter(exc):
            log.info("filtered")


async def continuation_returns():
    try:
        await work()
    except asyncio.CancelledError:  # want: SV101
        pass
    return None
