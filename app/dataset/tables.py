"""Rows in memory, table by table, in the order they are loaded (parents first)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

Row = tuple[object, ...]


@dataclass
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)

    def add(self, *values: object) -> None:
        assert len(values) == len(self.columns), (self.name, values)
        self.rows.append(values)


@dataclass
class Dataset:
    tables: dict[str, Table] = field(default_factory=dict)

    def table(self, name: str, *columns: str) -> Table:
        """The table (created on first use; loading follows the order of first use)."""
        if name not in self.tables:
            self.tables[name] = Table(name, columns)
        return self.tables[name]

    def counts(self) -> dict[str, int]:
        return {name: len(table.rows) for name, table in self.tables.items()}

    def digest(self) -> str:
        """A fingerprint of every value, to show that a seed reproduces the data."""
        h = hashlib.sha256()
        for table in self.tables.values():
            h.update(f"{table.name}{table.columns}".encode())
            for row in table.rows:
                h.update(repr(row).encode())
        return h.hexdigest()
