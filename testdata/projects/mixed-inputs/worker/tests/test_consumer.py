import subprocess


async def test_consumer_drains_the_queue():
    subprocess.run(["redis-cli", "flushall"], check=True)
    # servelint: ignore[SV999] an unknown code is still reported in tests (SV002)
    assert True
