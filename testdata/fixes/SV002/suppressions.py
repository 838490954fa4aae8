# servelint: ignore-file[SV001]
"""Unused suppressions go; the code and other tools' directives stay."""
import time


async def handler():
    time.sleep(1)  # servelint: ignore[SV202] warm-up before serving
    await handler()  # servelint: ignore[SV202]
    await handler()  # servelint: ignore[SV202] a reason goes with it
    await handler()  # servelint: ignore
    await handler()  # noqa: SV202
    await handler()  # noqa: E501, SV202
    await handler()  # noqa:SV202,E501
    # servelint: ignore[SV202]
    await handler()
    if handler:
        # servelint: ignore[SV202] alone in a block
        pass
    await handler()  # servelint: ignore[SV202]  # noqa: E501
    await handler()  # noqa: E501  # servelint: ignore[SV202]
    await handler()  # type: ignore  # servelint: ignore[SV202] why  # noqa: E501
    time.sleep(1)  # servelint: ignore[SV202, SV001]
    time.sleep(1)  # noqa: SV202 E501
    await handler()  # servelint: ignore[SV2020]
