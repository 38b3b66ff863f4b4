"""A workspace built to hurt: FIFOs, a socket, symbolic-link loops and links out of the root,
invalid UTF-8 names and contents, 50,000-deep nesting, a 20 MB minified bundle, a pathological
.gitignore, next to ordinary files with findings and a planted secret. Plus a snapshot of a tree
(kind, size, mtime, hash of every entry, links not followed) to prove nothing was written."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
from pathlib import Path

from raw_client import LONG

#: a secret value planted in the workspace: it must never be printed in full anywhere
#: (assembled at run time, so no secret scanner mistakes this file for a leak)
SECRET = "sk_" + "live_" + "51HqLyjWDarjtT1zdp7dcXLd9wbsJ7ngcqVXaQ3N2m"
SECRET_ENV = "AKIA" + "Q7ZL4XK2PMT3RWBN"


def build(root: Path) -> dict[str, str]:
    """Create the hostile project under `root/proj`; returns {relative path: expected skip word}."""
    proj = root / "proj"
    (proj / "src").mkdir(parents=True)
    (proj / ".git").mkdir()
    (proj / "package.json").write_text('{"name": "hostile", "dependencies": {"express": "4"}}\n')
    (proj / "src" / "app.js").write_text(
        'const express = require("express");\nconst app = express();\n'
        f'const stripe = "{SECRET}";\n'
        "try {\n  app.listen(3000);\n} catch (e) {}\n")
    (proj / ".env").write_text(f"AWS_ACCESS_KEY_ID={SECRET_ENV}\nSTRIPE_KEY={SECRET}\n")
    expected: dict[str, str] = {}
    os.mkfifo(proj / "src" / "pipe.js")
    expected["src/pipe.js"] = "FIFO"
    os.mkfifo(proj / ".env.production")
    expected[".env.production"] = "FIFO"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(proj / "src" / "sock.js"))
        expected["src/sock.js"] = "socket"
    except OSError:  # a path too long for AF_UNIX: the case is covered by the FIFOs
        pass
    finally:
        sock.close()
    os.symlink("loop_b.js", proj / "src" / "loop_a.js")
    os.symlink("loop_a.js", proj / "src" / "loop_b.js")
    expected["src/loop_a.js"] = expected["src/loop_b.js"] = "levels of symbolic links"
    os.symlink("..", proj / "src" / "parent")  # a directory loop
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.js").write_text("try { x() } catch (e) {}\n")
    os.symlink(outside / "secret.js", proj / "src" / "linked.js")
    expected["src/linked.js"] = "out of the root"
    os.symlink(outside, proj / "linked_dir")
    os.symlink("/dev/zero", proj / "src" / "zero.js")
    expected["src/zero.js"] = "out of the root"
    (proj / os.fsdecode(b"src/bad\xff name.js")).write_text("try { y() } catch (e) {}\n")
    (proj / "src" / "latin1.js").write_bytes(b"const s = '\xe9t\xe9';\n")
    expected["src/latin1.js"] = "UTF-8"
    depth = 50_000
    (proj / "src" / "deep.js").write_text("const d = " + "[" * depth + "]" * depth + ";\n")
    (proj / "src" / "deep.py").write_text("d = " + "(" * depth + ")" * depth + "\n")
    bundle = (b"var a=function(b){return b+1};" * (20 * 1024 * 1024 // 30 + 1))[:20 * 1024 * 1024]
    (proj / "static").mkdir()
    (proj / "static" / "bundle.min.js").write_bytes(bundle)
    patterns = ["[", "\\", "!", "**/**/**/**/*q*q*q*q*q*q*q*", "zz" + "*" * 5000 + "zz", "!" + "x/" * 2000,
                os.fsdecode(b"\xff\xfe"), "\x00"] + [f"gen{i}/**/*.tmp" for i in range(5000 if LONG else 500)]
    (proj / ".gitignore").write_bytes("\n".join(patterns).encode("utf-8", "surrogateescape") + b"\n")
    return expected


def snapshot(top: Path) -> dict[str, tuple]:
    """Every entry under `top` (links not followed): kind, size, mtime and content hash."""
    out: dict[str, tuple] = {}
    for directory, dirs, files in os.walk(top, followlinks=False):
        for name in dirs + files:
            path = os.path.join(directory, name)
            info = os.lstat(path)
            digest = None
            if stat.S_ISREG(info.st_mode):
                with open(path, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                digest = os.readlink(path)
            out[path] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, digest)
    return out
