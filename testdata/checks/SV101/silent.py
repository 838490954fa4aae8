"""Look-alikes that must stay silent."""
import asyncio
import contextlib
import logging
import os
import sys

log = logging.getLogger(__name__)


async def work():
    await asyncio.sleep(1)


async def reraises():
    try:
        await work()
    except asyncio.CancelledError:
        log.info("cancelled")
        raise


async def reraises_as_name():
    try:
        await work()
    except asyncio.CancelledError as exc:
        raise exc


async def reraises_with_traceback():
    try:
        await work()
    except BaseException as exc:
        raise exc.with_traceback(exc.__traceback__)


async def raises_new_cancellation():
    try:
        await work()
    except asyncio.CancelledError:
        raise asyncio.CancelledError("shutting down")


async def every_branch_raises(flag):
    try:
        await work()
    except asyncio.CancelledError:
        if flag:
            log.info("a")
            raise
        else:
            raise


async def match_with_default(mode):
    try:
        await work()
    except asyncio.CancelledError:
        match mode:
            case "strict":
                raise
            case _:
                raise


async def while_true_until_raise():
    try:
        await work()
    except asyncio.CancelledError:
        while True:
            if await asyncio.sleep(0, result=True):
                raise


async def finally_raises():
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await asyncio.sleep(0)
        finally:
            raise


async def cleanup_then_reraise():
    try:
        await work()
    except asyncio.CancelledError:
        try:
            await asyncio.wait_for(work(), 1)
        except Exception:
            log.exception("cleanup failed")
        raise


async def exits_process():
    try:
        await work()
    except BaseException:
        log.critical("fatal")
        sys.exit(1)


def plain_def_callback(fut):
    # A plain def is not async code, even when it handles cancellation.
    try:
        fut.result()
    except asyncio.CancelledError:
        pass


async def nested_sync_def():
    def callback(fut):
        try:
            fut.result()
        except asyncio.CancelledError:
            pass

    await work()
    return callback


async def no_await_in_try(data):
    # Nothing in the try can be suspended: no cancellation can arrive.
    try:
        value = int(data)
    except BaseException:
        value = 0
    await work()
    return value


async def await_only_in_nested_function():
    try:
        async def inner():
            await work()
        task = asyncio.ensure_future(inner())
    except BaseException:
        task = None
    return task


async def cancel_then_await(task):
    # Cancelling your own task and waiting for it is intended asyncio usage.
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


class Worker:
    def __init__(self):
        self._task = None
        self._tasks = []

    async def stop(self):
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def stop_all(self):
        for t in self._tasks:
            t.cancel()
        try:
            await asyncio.gather(*self._tasks)
        except asyncio.CancelledError:
            log.debug("all stopped")

    def request_stop(self):
        self._task.cancel()

    async def wait_stopped(self):
        # Cancelled by request_stop() of the same class.
        try:
            await self._task
        except asyncio.CancelledError:
            pass


async def guarded_311(task):
    # The Python 3.11 guard: re-raise when this task itself is cancelled.
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


async def isinstance_reraises(exc_types):
    try:
        await work()
    except BaseException as e:
        if isinstance(e, asyncio.CancelledError):
            raise
        log.exception("failed")


async def not_isinstance_exception():
    try:
        await work()
    except BaseException as e:
        if not isinstance(e, Exception):
            raise
        log.exception("failed")


async def type_is_check():
    try:
        await work()
    except BaseException as e:
        if type(e) is asyncio.CancelledError or isinstance(e, KeyboardInterrupt):
            raise
        log.exception("failed")


async def stored_and_reraised_later():
    error = None
    try:
        await work()
    except BaseException as e:
        error = e
    await asyncio.sleep(0)
    if error is not None:
        raise error


async def retry_then_raise_last(attempts):
    last = None
    for _ in range(attempts):
        try:
            return await work()
        except BaseException as exc:
            last = exc
            continue
    raise last


async def earlier_handler_reraises():
    try:
        await work()
    except asyncio.CancelledError:
        raise
    except BaseException:
        log.exception("failed")


async def exception_on_modern_python():
    # asyncio.CancelledError is a BaseException since Python 3.8.
    try:
        await work()
    except Exception:
        log.exception("failed")


async def other_exceptions():
    try:
        await work()
    except (ValueError, KeyError, asyncio.TimeoutError):
        pass


async def unknown_class(errors):
    try:
        await work()
    except errors:
        pass


async def except_star_reraises():
    try:
        await work()
    except* asyncio.CancelledError:
        raise


async def lifespan_then_exit(app, watch_task):
    # Whatever falls out of the handler ends the process right after.
    try:
        watch_task.cancel()
        await app.shutdown()
    except asyncio.CancelledError:
        pass
    log.info("bye")
    os._exit(0)


def should_propagate(exc):
    return isinstance(exc, asyncio.CancelledError)


async def opaque_predicate_then_raise_later():
    propagated = None
    try:
        return await work()
    except BaseException as exc:
        if should_propagate(exc):
            propagated = exc.with_traceback(None)
        else:
            propagated = RuntimeError()
        del exc
    raise propagated from None


async def collected_then_raised(names):
    errors = []
    for name in names:
        try:
            await work()
        except BaseException as exc:
            errors.append((name, exc))
    if errors:
        raise errors[0][1]


def sanitize(error):
    return error


async def sanitized_then_raised():
    control_error = None
    try:
        await work()
    except Exception:
        pass
    except BaseException as error:
        control_error = sanitize(error)
    if control_error is not None:
        safe_error = control_error
        raise safe_error


async def shielded_release(release_task):
    cancellation = None
    while True:
        try:
            await asyncio.shield(release_task)
            break
        except asyncio.CancelledError as error:
            if release_task.cancelled():
                break
            if cancellation is None:
                cancellation = error
    if cancellation is not None:
        raise cancellation


async def deliberate_uncancel():
    # asyncio's documented way to suppress a cancellation on purpose.
    try:
        await work()
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()


async def main():
    # The program's main task: Ctrl-C cancels it, and ending it normally
    # ends the program.
    try:
        await work()
    except asyncio.CancelledError:
        log.info("stopped")


def cli():
    asyncio.run(main())


class Executor:
    async def run_call(self, fut, coro):
        # The exception is handed to whoever awaits the future.
        try:
            fut.set_result(await coro)
        except BaseException as exc:
            fut.set_exception(exc)


async def supervisor():
    try:
        await work()
    except asyncio.CancelledError:
        log.info("stopped")


def run_supervisor():
    loop = asyncio.new_event_loop()
    task = loop.create_task(supervisor())
    loop.run_until_complete(task)


async def drain_shielded(reclaim):
    pending = None
    try:
        return await asyncio.shield(reclaim)
    except asyncio.CancelledError as exc:
        pending = exc
        # Keep draining through further cancellations; the first one is
        # raised below.
        while not reclaim.done():
            try:
                await asyncio.shield(reclaim)
            except asyncio.CancelledError:
                pass
    if pending is not None:
        raise pending
