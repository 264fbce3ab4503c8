"""Replacing a results folder so that it is always there, whole, old or new.

runner.write_results -> `new_folder()` (a hidden sibling to fill) -> `put_in_place()`.

On Linux the old folder and the new one swap places in one system call (`renameat2` with
RENAME_EXCHANGE): a kill at any moment leaves the old folder or the new one at its name. Where
that call is missing (another OS, a file system without it) the old folder is renamed away
first; a kill between the two renames is repaired by `tidy()` before the next write, which puts
the old folder back. `tidy()` also removes the hidden folders interrupted writes left behind.
Their names carry the writer's process id, so a folder still being written is left alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}

_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)
if _renameat2 is not None:
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                           ctypes.c_uint]


def _hidden(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}-{os.getpid()}"


def exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically; OSError with an UNSUPPORTED errno where impossible."""
    if _renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def new_folder(out: Path) -> Path:
    """A new hidden, empty folder beside `out` to write its replacement into."""
    out.parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = out.with_name(f"{_hidden(out, 'new')}-{secrets.token_hex(4)}")
        with contextlib.suppress(FileExistsError):
            folder.mkdir()  # with the usual permissions (mkdtemp's would be owner-only)
            return folder


def put_in_place(new: Path, out: Path) -> None:
    """Make the filled folder `new` the folder `out`; the old `out` (if any) is removed."""
    if not out.exists():
        new.rename(out)
        return
    try:
        exchange(new, out)  # `new` now holds the old folder
        old = new
    except OSError as exc:
        if exc.errno not in UNSUPPORTED:
            raise
        old = out.with_name(_hidden(out, "old"))
        out.rename(old)
        try:
            new.rename(out)  # a kill just before this is repaired by tidy()
        except BaseException:
            old.rename(out)
            raise
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def tidy(out: Path) -> list[Path]:
    """Repair and clean after interrupted writes of `out` by processes no longer alive.

    Returns:
        The hidden folders removed (an old folder put back at `out` is not among them).
    """
    if not out.parent.is_dir():
        return []
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(new|old)-(\d+)(-.*)?$")
    leftovers = [(m.group(1), p) for p in out.parent.iterdir()
                 if (m := pattern.match(p.name)) and not _alive(int(m.group(2)))]
    removed = []
    for kind, path in sorted(leftovers, key=lambda kp: kp[0] != "old"):
        if kind == "old" and not out.exists():
            with contextlib.suppress(OSError):  # if it cannot go back, it stays as it is
                path.rename(out)  # killed between the two renames: the old folder returns
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
