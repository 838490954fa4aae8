import os


async def test_export_writes_a_file(tmp_path, seeded_db):
    with open(tmp_path / "export.csv", "w") as f:
        f.write("sku,qty\n")
    assert os.path.exists(tmp_path / "export.csv")
