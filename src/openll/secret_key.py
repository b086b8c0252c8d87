"""Django's SECRET_KEY when the environment sets none: drawn at random on first start, kept in
`var/secret_key` (readable by its owner only) and read back on every later start, so sessions and
password-reset links outlive a restart and no two installations share a key.

Several processes may start at once (`openll serve --workers 4`): the key is written to a
temporary file and linked into place, so exactly one key wins and every process reads that one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

FILE_NAME = "secret_key"


def load_or_create(var_dir: Path) -> str:
    path = Path(var_dir) / FILE_NAME
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".secret_key.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50) + "\n")
        with contextlib.suppress(FileExistsError):  # another process got there first: its key wins
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return _read(path)


def _read(path: Path) -> str:
    key = path.read_text().strip()
    if len(key) < 50:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{path}: not a secret key (delete it to have a new one made)")
    return key
