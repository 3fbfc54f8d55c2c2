"""Collects field problems of one input so that the client sees all of them at once."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from app.errors import FieldCode, FieldIssue, ValidationError

MAX_URL_LENGTH = 2048
IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:\-]{8,100}")


class Validator:
    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self.issues: list[FieldIssue] = []

    def add(self, path: str, code: FieldCode, message: str) -> None:
        self.issues.append(FieldIssue(f"{self._prefix}{path}", code, message))

    def ok(self, path: str) -> bool:
        full = f"{self._prefix}{path}"
        return all(issue.path != full for issue in self.issues)

    def raise_if_any(self) -> None:
        if self.issues:
            raise ValidationError(self.issues)

    def text(
        self,
        path: str,
        value: str | None,
        *,
        min_len: int = 0,
        max_len: int,
        required: bool = False,
    ) -> str | None:
        """Trimmed text, or ``None`` when empty and optional."""
        if value is None or not value.strip():
            if required:
                self.add(path, FieldCode.REQUIRED, "Обязательное поле")
            return None
        trimmed = value.strip()
        if len(trimmed) < min_len:
            self.add(path, FieldCode.TOO_SHORT, f"Не короче {min_len} символов")
        elif len(trimmed) > max_len:
            self.add(path, FieldCode.TOO_LONG, f"Не длиннее {max_len} символов")
        return trimmed

    def pattern(self, path: str, value: str | None, regex: re.Pattern[str], message: str) -> None:
        if value is not None and self.ok(path) and not regex.fullmatch(value):
            self.add(path, FieldCode.INVALID_FORMAT, message)

    def url(self, path: str, value: str | None) -> str | None:
        """An absolute http(s) URL: javascript:, data: and relative links are refused."""
        if value is None or not value.strip():
            return None
        value = value.strip()
        if len(value) > MAX_URL_LENGTH:
            self.add(path, FieldCode.TOO_LONG, f"Не длиннее {MAX_URL_LENGTH} символов")
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.add(
                path, FieldCode.INVALID_FORMAT, "Нужна ссылка, начинающаяся с http:// или https://"
            )
        return value

    def idempotency_key(self, path: str, value: str | None) -> None:
        """A client-chosen key that makes a repeated request return the first result."""
        if value is not None and not IDEMPOTENCY_KEY.fullmatch(value):
            self.add(
                path,
                FieldCode.INVALID_FORMAT,
                "От 8 до 100 латинских букв, цифр и знаков . : - _",
            )

    def int_range(self, path: str, value: int | None, *, low: int, high: int) -> None:
        if value is not None and not low <= value <= high:
            self.add(path, FieldCode.OUT_OF_RANGE, f"Допустимо от {low} до {high}")

    def date_range(
        self, path: str, value: date | None, *, low: date, high: date, message: str
    ) -> None:
        if value is not None and not low <= value <= high:
            self.add(path, FieldCode.OUT_OF_RANGE, message)
