#!/usr/bin/env python3
"""Packs the built package directory into a wheel with `wheel pack` (Debian's
python3-wheel); no network, no setuptools.

usage: make_wheel.py PACKAGE_DIR VERSION OUT_DIR
"""
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import tempfile

pkg, version, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
py = f"cp{sys.version_info.major}{sys.version_info.minor}"
platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp) / f"referat-{version}"
    shutil.copytree(pkg, root / "referat",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    info = root / f"referat-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\n"
        "Name: referat\n"
        f"Version: {version}\n"
        "Summary: Danish municipal meeting minutes as data (libreferat bindings)\n"
        "Requires-Python: >=3.9\n"
        "Provides-Extra: pandas\n"
        "Requires-Dist: pandas ; extra == 'pandas'\n")
    (info / "WHEEL").write_text(
        "Wheel-Version: 1.0\n"
        "Generator: libreferat make_wheel.py\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {py}-{py}-{platform}\n")
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "wheel", "pack", str(root), "-d", str(out)],
                   check=True)
