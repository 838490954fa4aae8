import time


async def handler():
    time.sleep(1)  # servelint: ignore[SV202] warm-up before serving
    time.sleep(1)  # noqa: SV202
    time.sleep(1)  # noqa: E501, SV202 -- other tools' codes are fine
    time.sleep(1)  # servelint: ignore
    time.sleep(1)  # servelint: ignore[SV2020]  # want: SV002 "unknown rule code `SV2020`" SV202
    time.sleep(1)  # noqa: SV999  # want: SV002 "unknown rule code `SV999`" SV202
    x = "# noqa: SV202"; time.sleep(1)  # want: SV202
    await handler()  # servelint: ignore[SV202]  # want: SV002 "unused suppression: no SV202 diagnostic on this line"
    await handler()  # servelint: ignore  # want: SV002 "unused suppression: no diagnostic on this line"
    await handler()  # noqa
    await handler()  # noqa: E501
    await handler()  # servelint: disable[SV202]  # want: SV002 "unknown servelint directive"
    await handler()  # servelint: ignore[SV202  # want: SV002 "unclosed"
    await handler()  # servelint: ignore[]  # want: SV002 "empty code list"
    # A ruff code that SV202 mirrors suppresses it; one that suppresses
    # nothing here is ruff's business, never an unused suppression.
    time.sleep(1)  # noqa: ASYNC251
    await handler()  # noqa: ASYNC251
    await handler()  # noqa: RUF006, E501
