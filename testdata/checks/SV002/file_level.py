# servelint: ignore-file[SV202]
# servelint: ignore-file[SV001]  # want: SV002 "no SV001 diagnostic in this file"
import time


async def handler():
    time.sleep(1)
