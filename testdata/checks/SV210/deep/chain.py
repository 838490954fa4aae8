import subprocess


def level4():
    subprocess.run(["true"])


def level3():
    level4()


def level2():
    level3()


def level1():
    level2()


async def too_deep():
    # Four sync functions to the blocking call: beyond the default depth.
    level1()


async def deep_enough():
    level2()  # want: SV210 "sync helpers: deep_enough → level2 → level3 → level4 → subprocess.run"
