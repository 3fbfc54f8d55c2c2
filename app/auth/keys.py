"""Where signing keys come from: a remote OIDC issuer, or the in-process dev issuer."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, Protocol

import httpx
import structlog
from joserfc.jwk import KeySet

from app.auth.errors import InvalidTokenError

log = structlog.get_logger(__name__)


class KeyProvider(Protocol):
    issuer: str

    @property
    def current(self) -> KeySet | None:
        """The key set in use now: a new object once the issuer's keys were refetched."""
        ...

    async def key_set_for(self, kid: str | None) -> KeySet:
        """A key set that contains ``kid``, or raise ``InvalidTokenError``."""
        ...


def _has_kid(keys: KeySet, kid: str | None) -> bool:
    if kid is None:
        return len(keys.keys) == 1
    return any(key.kid == kid for key in keys.keys)


class OidcKeyProvider:
    """Discovery document and JWKS of an OIDC issuer, cached in memory.

    An unknown ``kid`` (the issuer rotated its keys) triggers one refetch, but never more than
    once per ``min_refresh_interval`` so that tokens with made-up kids cannot hammer the issuer.
    """

    def __init__(
        self,
        issuer: str,
        http: httpx.AsyncClient,
        *,
        min_refresh_interval: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self._http = http
        self._min_refresh_interval = min_refresh_interval
        self._monotonic = monotonic
        self._jwks_uri: str | None = None
        self._keys: KeySet | None = None
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    @property
    def current(self) -> KeySet | None:
        return self._keys

    async def key_set_for(self, kid: str | None) -> KeySet:
        keys = self._keys
        if keys is not None and _has_kid(keys, kid):
            return keys
        async with self._lock:
            keys = self._keys
            if keys is not None and _has_kid(keys, kid):
                return keys
            if self._monotonic() - self._fetched_at < self._min_refresh_interval:
                raise InvalidTokenError("unknown signing key")
            keys = await self._fetch()
        if not _has_kid(keys, kid):
            raise InvalidTokenError("unknown signing key")
        return keys

    async def _fetch(self) -> KeySet:
        self._fetched_at = self._monotonic()
        try:
            if self._jwks_uri is None:
                self._jwks_uri = str((await self._get_json(self._discovery_url()))["jwks_uri"])
            self._keys = KeySet.import_key_set(await self._get_json(self._jwks_uri))  # type: ignore[arg-type]
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            log.warning("oidc.jwks_fetch_failed", issuer=self.issuer, error=str(exc))
            raise InvalidTokenError("issuer keys unavailable") from exc
        return self._keys

    def _discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    async def _get_json(self, url: str) -> dict[str, Any]:
        response = await self._http.get(url)
        response.raise_for_status()
        data = response.json()
        if not isinstance(data, dict):
            raise ValueError(f"{url} did not return a JSON object")
        return data


class StaticKeyProvider:
    """Keys known in-process (the dev issuer's own key set)."""

    def __init__(self, issuer: str, keys: KeySet) -> None:
        self.issuer = issuer
        self._keys = keys

    @property
    def current(self) -> KeySet | None:
        return self._keys

    async def key_set_for(self, kid: str | None) -> KeySet:
        if not _has_kid(self._keys, kid):
            raise InvalidTokenError("unknown signing key")
        return self._keys
