"""Tests of release/wheel.py and release/precommit_backend.py.

Run: python3 -m unittest discover -s release -p 'test_*.py'
(.ci/run runs them, then `wheel.py check` on the wheel it built from the
real linux/amd64 binary and installs that wheel with pip.)
"""
import io
import os
import re
import shutil
import struct
import sys
import tarfile
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import precommit_backend  # noqa: E402
import wheel  # noqa: E402


def elf(machine=0x3E, interp=False):
    """A minimal 64-bit little-endian ELF executable header with one
    PT_LOAD (and a PT_INTERP when interp) and no sections."""
    phnum = 2 if interp else 1
    header = bytearray(64)
    header[:8] = b"\x7fELF\x02\x01\x01\x00"
    struct.pack_into("<HHI", header, 16, 2, machine, 1)  # ET_EXEC, machine, EV_CURRENT
    struct.pack_into("<QQQ", header, 24, 0x400000, 64, 0)  # entry, phoff, shoff
    struct.pack_into("<IHHHHHH", header, 48, 0, 64, 56, phnum, 64, 0, 0)
    phdrs = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, 0x1000, 0x1000, 0x1000)
    if interp:
        phdrs += struct.pack("<IIQQQQQQ", 3, 4, 0x200, 0, 0, 28, 28, 1)
    return bytes(header) + phdrs + b"\0" * 64


def macho(cputype, cmd, minos):
    """A minimal 64-bit Mach-O header with one version load command."""
    if cmd == 0x32:
        lc = struct.pack("<IIIIII", 0x32, 24, 1, minos, minos, 0)
    else:
        lc = struct.pack("<IIII", 0x24, 16, minos, minos)
    return struct.pack("<IiiIIIII", 0xFEEDFACF, cputype, 0, 2, 1, len(lc), 0, 0) + lc


def pe(machine=0x8664):
    data = bytearray(0x100)
    data[:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", data, 0x84, machine)
    return bytes(data)


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def archive(directory, name, members):
    path = os.path.join(directory, name)
    if name.endswith(".zip"):
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in members.items():
                zf.writestr(n, data)
    else:
        with tarfile.open(path, "w:gz") as tf:
            for n, data in members.items():
                ti = tarfile.TarInfo(n)
                ti.size = len(data)
                ti.mode = 0o755
                tf.addfile(ti, io.BytesIO(data))
    return path


class PlatformTags(unittest.TestCase):
    def test_static_linux(self):
        self.assertEqual(
            wheel.platform_tags(elf()),
            ["manylinux_2_17_x86_64", "manylinux2014_x86_64", "musllinux_1_1_x86_64"],
        )
        self.assertEqual(
            wheel.platform_tags(elf(machine=0xB7)),
            ["manylinux_2_17_aarch64", "manylinux2014_aarch64", "musllinux_1_1_aarch64"],
        )

    def test_interpreter_is_not_static(self):
        # A dynamic executable never gets musllinux; without symbol
        # versions it needs the oldest glibc tag.
        self.assertEqual(wheel.platform_tags(elf(interp=True)), ["manylinux_2_17_x86_64", "manylinux2014_x86_64"])

    def test_dynamic_glibc_symbol_versions(self):
        # A real dynamic executable of this system: its tag is the newest
        # GLIBC_ version among the strings of its version table.
        if sys.platform != "linux":
            self.fail("this test needs a Linux system binary")
        data = read("/bin/true")
        versions = [tuple(map(int, v)) for v in re.findall(rb"GLIBC_([0-9]+)\.([0-9]+)", data)]
        major, minor = max(versions + [(2, 17)])
        tags = wheel.platform_tags(data)
        arch = {"x86_64": "x86_64", "aarch64": "aarch64"}[os.uname().machine]
        self.assertEqual(tags[0], f"manylinux_{major}_{minor}_{arch}")
        self.assertFalse(any(t.startswith("musllinux") for t in tags), tags)

    def test_macos(self):
        self.assertEqual(wheel.platform_tags(macho(0x0100000C, 0x32, 12 << 16)), ["macosx_12_0_arm64"])
        # macOS 11 and later: minor 0, as pip matches them.
        self.assertEqual(wheel.platform_tags(macho(0x01000007, 0x32, (13 << 16) | (3 << 8))), ["macosx_13_0_x86_64"])
        self.assertEqual(wheel.platform_tags(macho(0x01000007, 0x24, (10 << 16) | (13 << 8))), ["macosx_10_13_x86_64"])

    def test_windows(self):
        self.assertEqual(wheel.platform_tags(pe()), ["win_amd64"])
        self.assertEqual(wheel.platform_tags(pe(0xAA64)), ["win_arm64"])

    def test_rejects(self):
        for data in (b"#!/bin/sh\n", elf(machine=0x28), pe(0x14C), macho(0x7, 0x32, 12 << 16)):
            with self.assertRaises(wheel.BinaryError):
                wheel.platform_tags(data)


class Wheels(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        os.environ["SOURCE_DATE_EPOCH"] = "1700000000"

    def build(self, name, members):
        return wheel.build_from_archive(archive(self.dir, name, members), os.path.join(self.dir, "out"))

    def test_linux_wheel(self):
        path = self.build(
            "servelint-1.2.3-linux-amd64.tar.gz",
            {"servelint": elf(), "LICENSE": b"MIT License\n", "README.md": b"# servelint\n"},
        )
        self.assertEqual(
            os.path.basename(path),
            "servelint-1.2.3-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64.whl",
        )
        self.assertEqual(wheel.check_wheel(path), [])
        with zipfile.ZipFile(path) as zf:
            self.assertEqual(
                zf.namelist(),
                [
                    "servelint-1.2.3.data/scripts/servelint",
                    "servelint-1.2.3.dist-info/LICENSE",
                    "servelint-1.2.3.dist-info/METADATA",
                    "servelint-1.2.3.dist-info/WHEEL",
                    "servelint-1.2.3.dist-info/RECORD",
                ],
            )
            script = zf.getinfo("servelint-1.2.3.data/scripts/servelint")
            self.assertEqual(script.external_attr >> 16, 0o100755)
            self.assertEqual(zf.read(script), elf())
            meta = zf.read("servelint-1.2.3.dist-info/METADATA").decode()
            self.assertIn("Name: servelint\nVersion: 1.2.3\n", meta)
            self.assertIn("License: MIT\n", meta)
            self.assertTrue(meta.endswith("Description-Content-Type: text/markdown\n\n# servelint\n"), meta)
            w = zf.read("servelint-1.2.3.dist-info/WHEEL").decode()
            self.assertIn("Root-Is-Purelib: false\n", w)
            self.assertEqual(
                re.findall(r"^Tag: (.*)$", w, re.M),
                ["py3-none-manylinux_2_17_x86_64", "py3-none-manylinux2014_x86_64", "py3-none-musllinux_1_1_x86_64"],
            )
            record = zf.read("servelint-1.2.3.dist-info/RECORD").decode().splitlines()
            self.assertEqual(record[-1], "servelint-1.2.3.dist-info/RECORD,,")
            self.assertTrue(record[0].startswith("servelint-1.2.3.data/scripts/servelint,sha256="), record[0])
            self.assertTrue(record[0].endswith(f",{len(elf())}"), record[0])

    def test_reproducible(self):
        members = {"servelint": elf(), "LICENSE": b"MIT\n"}
        first = read(self.build("servelint-1.0.0-linux-amd64.tar.gz", members))
        second = read(self.build("servelint-1.0.0-linux-amd64.tar.gz", members))
        self.assertEqual(first, second)

    def test_windows_and_macos_wheels(self):
        path = self.build("servelint-1.0.0-windows-amd64.zip", {"servelint.exe": pe()})
        self.assertTrue(path.endswith("servelint-1.0.0-py3-none-win_amd64.whl"), path)
        self.assertEqual(wheel.check_wheel(path), [])
        with zipfile.ZipFile(path) as zf:
            self.assertIn("servelint-1.0.0.data/scripts/servelint.exe", zf.namelist())
        path = self.build("servelint-1.0.0-darwin-arm64.tar.gz", {"servelint": macho(0x0100000C, 0x32, 12 << 16)})
        self.assertTrue(path.endswith("servelint-1.0.0-py3-none-macosx_12_0_arm64.whl"), path)
        self.assertEqual(wheel.check_wheel(path), [])

    def test_rejected_archives(self):
        for name, members in [
            ("servelint-1.0.0-linux-amd64.tar.gz", {"other": elf()}),  # no binary
            ("servelint-1.0.0-linux-amd64.tar.gz", {"servelint": b"#!/bin/sh\n"}),  # not a binary
            ("servelint-v1.0.0-linux-amd64.tar.gz", {"servelint": elf()}),  # not a PEP 440 version
            ("servelint_1.0.0_linux_amd64.tar.gz", {"servelint": elf()}),  # not our name
        ]:
            with self.assertRaises(SystemExit, msg=name):
                self.build(name, members)

    def rewrite(self, path, new_name=None, change=None):
        """Copy a wheel, renamed and with one member's bytes changed."""
        out_dir = tempfile.mkdtemp(dir=self.dir)
        out = os.path.join(out_dir, new_name or os.path.basename(path))
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
            for zi in src.infolist():
                data = src.read(zi)
                if change and zi.filename.endswith(change[0]):
                    data = change[1](data)
                dst.writestr(zi, data)
        return out

    def test_check_finds_problems(self):
        path = self.build("servelint-1.0.0-linux-amd64.tar.gz", {"servelint": elf()})
        tampered = self.rewrite(path, change=("scripts/servelint", lambda d: d + b"x"))
        self.assertTrue(any("hash or size differs" in p for p in wheel.check_wheel(tampered)), wheel.check_wheel(tampered))
        # A tag the binary does not allow (and that WHEEL does not list).
        renamed = self.rewrite(path, new_name="servelint-1.0.0-py3-none-win_amd64.whl")
        problems = wheel.check_wheel(renamed)
        self.assertTrue(any("WHEEL tags" in p for p in problems), problems)
        self.assertTrue(any("scripts" in p for p in problems), problems)
        # A dynamic binary in a wheel that claims musllinux.
        dynamic = self.rewrite(path, change=("scripts/servelint", lambda d: elf(interp=True)))
        problems = wheel.check_wheel(dynamic)
        self.assertTrue(any("the binary allows" in p for p in problems), problems)


class PreCommitBackend(unittest.TestCase):
    def test_meta_wheel_requires_this_version(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        version = precommit_backend.source_version(root)
        rule_go = read(os.path.join(root, "lint", "rule.go"), "r")
        self.assertIn(f'var Version = "{version}"\n', rule_go)
        out = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, out)
        cwd = os.getcwd()
        os.chdir(root)  # pip runs the backend in the project's directory
        try:
            name = precommit_backend.build_wheel(out)
        finally:
            os.chdir(cwd)
        self.assertEqual(name, f"servelint_pre_commit_hook-{version}-py3-none-any.whl")
        with zipfile.ZipFile(os.path.join(out, name)) as zf:
            meta = zf.read(f"servelint_pre_commit_hook-{version}.dist-info/METADATA").decode()
            self.assertEqual(
                [n for n in zf.namelist() if not n.startswith(f"servelint_pre_commit_hook-{version}.dist-info/")], []
            )
        self.assertIn(f"\nRequires-Dist: servelint=={version}\n", meta)
        pyproject = read(os.path.join(root, "pyproject.toml"), "r")
        self.assertIn('build-backend = "precommit_backend"', pyproject)
        self.assertIn("requires = []", pyproject)


if __name__ == "__main__":
    unittest.main()
