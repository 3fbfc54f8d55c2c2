"""Readable URL slugs for team names, Cyrillic included.

The old prototype dropped every non-Latin character, so "Соколы" became an empty slug and
two Cyrillic teams collided. Here Cyrillic is transliterated (close to ICAO Doc 9303 / GOST
R 52535.1, with the more familiar "y" spellings for й, ы, ю, я), anything else becomes a
hyphen, and an empty result falls back to ``team``. Uniqueness (``-2``, ``-3`` suffixes) is
the service's job.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BASE_LENGTH = 60
FALLBACK = "team"
RESERVED = frozenset({"new", "edit", "create", "search", "manage"})
"""Path segments the frontend uses under ``/teams/``; a team never takes them as its slug."""

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian and Belarusian letters, which also turn up in team names.
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "u",
}
_TABLE = str.maketrans(_CYRILLIC)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """Lower-case Latin for Cyrillic; other scripts keep their letters for the next step."""
    return text.lower().translate(_TABLE)


def slug_base(name: str) -> str:
    """The slug a name asks for before uniqueness: ``"Дворовые атлеты"`` -> ``dvorovye-atlety``."""
    latin = unicodedata.normalize("NFKD", transliterate(name)).lower()
    ascii_only = latin.encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_only).strip("-")
    if len(slug) > MAX_BASE_LENGTH:
        cut = slug[:MAX_BASE_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or FALLBACK


def pick_unique(base: str, taken: set[str]) -> str:
    """``base`` if free, else ``base-2``, ``base-3``... (the first free one)."""
    if base not in taken and base not in RESERVED:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def belongs_to(slug: str, base: str) -> bool:
    """Whether ``slug`` is ``base`` or ``base`` with a numeric suffix."""
    return re.fullmatch(rf"{re.escape(base)}(-[0-9]+)?", slug) is not None
