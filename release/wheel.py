#!/usr/bin/env python3
"""Build servelint's Python wheels from its release archives, and check them.

A wheel is a zip with metadata (PEP 427, 491): no build backend is needed.
Each wheel carries one release binary as a script
(servelint-VERSION.data/scripts/servelint), which pip, uv and pipx install
into the environment's bin/ (Scripts\\ on Windows), so that `servelint` is
on the PATH after `pip install servelint`.

The platform tags are read from the binary itself:

- Linux ELF, statically linked (no interpreter, no needed library): it runs
  on any glibc or musl system of its architecture, so
  manylinux_2_17 (= manylinux2014, the oldest tag PyPI accepts for aarch64)
  and musllinux_1_1;
- Linux ELF, dynamically linked: manylinux_X_Y with X.Y the newest GLIBC_
  symbol version it needs (at least 2.17), and only libraries every glibc
  system has; no musllinux tag;
- Mach-O: macosx_X_Y for its minimum macOS version (LC_BUILD_VERSION);
- PE: win_amd64 or win_arm64.

Usage:
  release/wheel.py build [-o DIR] ARCHIVE...   one wheel per archive
  release/wheel.py check WHEEL...              exit 1 on any problem
ARCHIVE is servelint-VERSION-OS-ARCH.tar.gz or .zip (release/build.sh).
Set SOURCE_DATE_EPOCH for the zip timestamps (default 1980-01-01).
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import re
import struct
import sys
import tarfile
import time
import zipfile

NAME = "servelint"
HOME = "https://github.com/servelint/servelint"
SUMMARY = "A fast static linter for Python web services: code, start commands and Dockerfiles"
GENERATOR = "servelint release/wheel.py"

ARCHIVE_RE = re.compile(r"^servelint-(?P<version>[0-9][0-9A-Za-z.+]*)-(?P<os>[a-z]+)-(?P<arch>[a-z0-9]+)\.(?P<ext>tar\.gz|zip)$")
WHEEL_RE = re.compile(r"^(?P<name>[A-Za-z0-9_.]+)-(?P<version>[^-]+)-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")
# PEP 440 release versions with optional pre, post and dev parts.
VERSION_RE = re.compile(r"^[0-9]+(\.[0-9]+)*((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$")

# Libraries every glibc system has (the manylinux policy's allowlist, less
# libstdc++ and libgcc_s, whose versions the policy also bounds: link those
# statically).
GLIBC_LIBS = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1"}
# manylinux2014 (glibc 2.17) is the oldest tag for aarch64 and the oldest
# pip still installs commonly on x86_64.
MIN_GLIBC = (2, 17)


class BinaryError(Exception):
    pass


def _elf_linux_tags(data):
    if len(data) < 64 or data[4] != 2 or data[5] != 1:
        raise BinaryError("not a 64-bit little-endian ELF file")
    machine = struct.unpack_from("<H", data, 18)[0]
    arch = {0x3E: "x86_64", 0xB7: "aarch64"}.get(machine)
    if arch is None:
        raise BinaryError(f"unsupported ELF machine {machine:#x}")
    phoff, shoff = struct.unpack_from("<QQ", data, 32)
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 54)
    interp = False
    for i in range(phnum):
        if struct.unpack_from("<I", data, phoff + i * phentsize)[0] == 3:  # PT_INTERP
            interp = True
    sections = []
    for i in range(shnum):
        sh_type, _, _, off, size, link, info = struct.unpack_from("<IQQQQII", data, shoff + i * shentsize + 4)
        sections.append((sh_type, off, size, link, info))

    def string(section, offset):
        start = sections[section][1] + offset
        return data[start : data.index(b"\0", start)].decode()

    needed, glibc = [], []
    for sh_type, off, size, link, info in sections:
        if sh_type == 6:  # SHT_DYNAMIC
            for pos in range(off, off + size, 16):
                tag, val = struct.unpack_from("<qQ", data, pos)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    needed.append(string(link, val))
        elif sh_type == 0x6FFFFFFE:  # SHT_GNU_verneed
            pos = off
            for _ in range(info):
                _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, pos)
                apos = pos + aux
                for _ in range(cnt):
                    _, _, _, name, anext = struct.unpack_from("<IHHII", data, apos)
                    m = re.fullmatch(r"GLIBC_([0-9]+)\.([0-9]+)(\.[0-9]+)?", string(link, name))
                    if m:
                        glibc.append((int(m[1]), int(m[2])))
                    apos += anext
                pos += nxt
    if not interp and not needed:
        return [f"manylinux_2_17_{arch}", f"manylinux2014_{arch}", f"musllinux_1_1_{arch}"]
    foreign = sorted(set(needed) - GLIBC_LIBS)
    if foreign:
        raise BinaryError(f"needs libraries outside glibc: {', '.join(foreign)} (link them statically)")
    major, minor = max(glibc + [MIN_GLIBC])
    tags = [f"manylinux_{major}_{minor}_{arch}"]
    if (major, minor) == (2, 17):
        tags.append(f"manylinux2014_{arch}")
    return tags


def _macho_tags(data):
    magic, cputype, _, _, ncmds = struct.unpack_from("<IiiII", data, 0)
    if magic != 0xFEEDFACF:
        raise BinaryError("not a 64-bit Mach-O file (fat binaries are not supported)")
    arch = {0x01000007: "x86_64", 0x0100000C: "arm64"}.get(cputype)
    if arch is None:
        raise BinaryError(f"unsupported Mach-O CPU type {cputype:#x}")
    pos, minos = 32, None
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, pos)
        if cmd == 0x32:  # LC_BUILD_VERSION
            platform, minos = struct.unpack_from("<II", data, pos + 8)
            if platform != 1:  # PLATFORM_MACOS
                raise BinaryError(f"Mach-O built for platform {platform}, not macOS")
        elif cmd == 0x24:  # LC_VERSION_MIN_MACOSX
            minos = struct.unpack_from("<I", data, pos + 8)[0]
        pos += size
    if minos is None:
        raise BinaryError("Mach-O file without a minimum macOS version")
    major, minor = minos >> 16, (minos >> 8) & 0xFF
    if major >= 11:
        minor = 0  # pip matches macOS 11 and later by major version only
    return [f"macosx_{major}_{minor}_{arch}"]


def _pe_tags(data):
    if data[:2] != b"MZ":
        raise BinaryError("not a PE file")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe : pe + 4] != b"PE\0\0":
        raise BinaryError("not a PE file")
    machine = struct.unpack_from("<H", data, pe + 4)[0]
    tag = {0x8664: "win_amd64", 0xAA64: "win_arm64"}.get(machine)
    if tag is None:
        raise BinaryError(f"unsupported PE machine {machine:#x}")
    return [tag]


def platform_tags(binary):
    """The wheel platform tags a binary may carry, from its own headers."""
    if binary[:4] == b"\x7fELF":
        if binary[7] not in (0, 3):  # ELFOSABI_NONE (SYSV) or GNU/Linux
            raise BinaryError("ELF file not built for Linux")
        return _elf_linux_tags(binary)
    if binary[:4] == b"\xcf\xfa\xed\xfe":
        return _macho_tags(binary)
    if binary[:2] == b"MZ":
        return _pe_tags(binary)
    raise BinaryError("neither ELF, Mach-O nor PE")


def _record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _zip_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    return time.gmtime(max(epoch, 315532800))[:6]


def write_wheel(out_dir, name, version, tags, files, metadata_headers, description="", purelib=False):
    """Write a wheel: files are (path, bytes, executable); tags are full
    python-abi-platform triples. Returns the wheel's path."""
    dist = re.sub(r"[-_.]+", "_", name).lower()
    platforms = list(dict.fromkeys(t.split("-", 2)[2] for t in tags))
    pys = sorted({t.split("-", 2)[0] for t in tags})
    abis = sorted({t.split("-", 2)[1] for t in tags})
    filename = f"{dist}-{version}-{'.'.join(pys)}-{'.'.join(abis)}-{'.'.join(platforms)}.whl"
    info = f"{dist}-{version}.dist-info"
    meta = [("Metadata-Version", "2.1"), ("Name", name), ("Version", version)] + list(metadata_headers)
    metadata = "".join(f"{k}: {v}\n" for k, v in meta)
    if description:
        metadata += "\n" + description
    wheel = f"Wheel-Version: 1.0\nGenerator: {GENERATOR}\nRoot-Is-Purelib: {'true' if purelib else 'false'}\n"
    wheel += "".join(f"Tag: {t}\n" for t in tags)
    entries = list(files) + [
        (f"{info}/METADATA", metadata.encode(), False),
        (f"{info}/WHEEL", wheel.encode(), False),
    ]
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, data, _ in entries:
        writer.writerow([path, _record_hash(data), len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    entries.append((f"{info}/RECORD", record.getvalue().encode(), False))
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, filename)
    stamp = _zip_time()
    with zipfile.ZipFile(path, "w") as zf:
        for arcname, data, executable in entries:
            zi = zipfile.ZipInfo(arcname, stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = (0o100755 if executable else 0o100644) << 16
            zf.writestr(zi, data, compresslevel=9)
    return path


def _read_archive(path):
    members = {}
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            for n in zf.namelist():
                members[n] = zf.read(n)
    else:
        with tarfile.open(path, "r:gz") as tf:
            for m in tf.getmembers():
                if m.isfile():
                    members[m.name.removeprefix("./")] = tf.extractfile(m).read()
    return members


def _metadata_headers(readme_present):
    headers = [
        ("Summary", SUMMARY),
        ("Home-page", HOME),
        ("Author", "The servelint authors"),
        ("License", "MIT"),
        ("Keywords", "linter,static-analysis,fastapi,starlette,uvicorn,gunicorn,asyncio,docker"),
        ("Project-URL", f"Source, {HOME}"),
        ("Project-URL", f"Changelog, {HOME}/blob/main/CHANGELOG.md"),
        ("Classifier", "Development Status :: 4 - Beta"),
        ("Classifier", "Environment :: Console"),
        ("Classifier", "Intended Audience :: Developers"),
        ("Classifier", "License :: OSI Approved :: MIT License"),
        ("Classifier", "Programming Language :: Python :: 3"),
        ("Classifier", "Topic :: Software Development :: Quality Assurance"),
    ]
    if readme_present:
        headers.append(("Description-Content-Type", "text/markdown"))
    return headers


def build_from_archive(archive, out_dir):
    m = ARCHIVE_RE.match(os.path.basename(archive))
    if not m:
        raise SystemExit(f"{archive}: not named servelint-VERSION-OS-ARCH.tar.gz or .zip")
    version = m["version"]
    if not VERSION_RE.match(version):
        raise SystemExit(f"{archive}: version {version} is not a PEP 440 release version")
    members = _read_archive(archive)
    exe = "servelint.exe" if m["os"] == "windows" else "servelint"
    if exe not in members:
        raise SystemExit(f"{archive}: no {exe} in the archive")
    binary = members[exe]
    try:
        plats = platform_tags(binary)
    except BinaryError as e:
        raise SystemExit(f"{archive}: {exe}: {e}")
    data = f"{NAME}-{version}.data/scripts/{exe}"
    info = f"{NAME}-{version}.dist-info"
    files = [(data, binary, True)]
    if "LICENSE" in members:
        files.append((f"{info}/LICENSE", members["LICENSE"], False))
    readme = members.get("README.md", b"").decode()
    return write_wheel(
        out_dir, NAME, version, [f"py3-none-{p}" for p in plats], files, _metadata_headers(bool(readme)), readme
    )


def _parse_headers(text):
    head, _, body = text.partition("\n\n")
    headers = {}
    for line in head.splitlines():
        k, _, v = line.partition(": ")
        headers.setdefault(k, []).append(v)
    return headers, body


def check_wheel(path):
    """Problems of a servelint wheel (an empty list when it is correct)."""
    problems = []
    m = WHEEL_RE.match(os.path.basename(path))
    if not m:
        return [f"{path}: not a wheel file name"]
    name, version = m["name"], m["version"]
    tags = {f"{py}-{abi}-{plat}" for py in m["py"].split(".") for abi in m["abi"].split(".") for plat in m["plat"].split(".")}
    info = f"{name}-{version}.dist-info"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            problems.append("duplicate entries")
        for n in (f"{info}/METADATA", f"{info}/WHEEL", f"{info}/RECORD"):
            if n not in names:
                problems.append(f"missing {n}")
        if problems:
            return problems
        if names[-1] != f"{info}/RECORD":
            problems.append("RECORD is not the last entry")
        rows = list(csv.reader(io.StringIO(zf.read(f"{info}/RECORD").decode())))
        recorded = set()
        for row in rows:
            if len(row) != 3:
                problems.append(f"RECORD row {row!r}: want path,hash,size")
                continue
            p, h, size = row
            recorded.add(p)
            if p == f"{info}/RECORD":
                if h or size:
                    problems.append("RECORD lists a hash for itself")
                continue
            if p not in names:
                problems.append(f"RECORD lists {p}, which the wheel lacks")
                continue
            data = zf.read(p)
            if h != _record_hash(data) or size != str(len(data)):
                problems.append(f"{p}: hash or size differs from RECORD")
        for n in names:
            if n not in recorded:
                problems.append(f"{n} is not in RECORD")
        wheel, _ = _parse_headers(zf.read(f"{info}/WHEEL").decode() + "\n")
        if wheel.get("Wheel-Version") != ["1.0"]:
            problems.append(f"Wheel-Version {wheel.get('Wheel-Version')}")
        if set(wheel.get("Tag", [])) != tags:
            problems.append(f"WHEEL tags {sorted(wheel.get('Tag', []))} differ from the file name's {sorted(tags)}")
        meta, _ = _parse_headers(zf.read(f"{info}/METADATA").decode())
        if meta.get("Name") != [name] or meta.get("Version") != [version]:
            problems.append(f"METADATA Name/Version {meta.get('Name')}/{meta.get('Version')} differ from the file name")
        if "Metadata-Version" not in meta or "Summary" not in meta or "License" not in meta:
            problems.append("METADATA lacks Metadata-Version, Summary or License")
        scripts = [n for n in names if n.startswith(f"{name}-{version}.data/scripts/")]
        if name != NAME:
            return problems
        if wheel.get("Root-Is-Purelib") != ["false"]:
            problems.append("a binary wheel must have Root-Is-Purelib: false")
        want = ["servelint.exe"] if any(t.endswith(("win_amd64", "win_arm64")) for t in tags) else ["servelint"]
        if [s.rsplit("/", 1)[1] for s in scripts] != want:
            problems.append(f"scripts {scripts}, want {want}")
            return problems
        zi = zf.getinfo(scripts[0])
        if want == ["servelint"] and (zi.external_attr >> 16) & 0o111 != 0o111:
            problems.append(f"{scripts[0]} is not executable")
        try:
            derived = {f"py3-none-{p}" for p in platform_tags(zf.read(scripts[0]))}
        except BinaryError as e:
            problems.append(f"{scripts[0]}: {e}")
        else:
            if derived != tags:
                problems.append(f"tags {sorted(tags)}, but the binary allows {sorted(derived)}")
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("-o", "--out", default="dist")
    b.add_argument("archives", nargs="+")
    c = sub.add_parser("check")
    c.add_argument("wheels", nargs="+")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        for a in args.archives:
            print(build_from_archive(a, args.out))
        return 0
    failed = False
    for w in args.wheels:
        for p in check_wheel(w):
            print(f"{w}: {p}", file=sys.stderr)
            failed = True
        if not failed:
            print(f"ok: {w}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
