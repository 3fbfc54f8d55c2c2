"""Keys and secrets of browser sessions.

One configured key (``SESSION_ENCRYPTION_KEY``) is stretched with HKDF into independent keys
for the three uses, so a leak of one derived key (say, through a CSRF-token oracle) says
nothing about the others:

- tokens at rest: AES-256-GCM, with the session id and the token kind as associated data, so
  a ciphertext copied into another row or column does not decrypt;
- the login-state cookie (PKCE verifier, nonce, state) between ``/auth/login`` and the callback;
- CSRF tokens: an HMAC of the session cookie, so nothing needs storing and nobody can compute
  one without the cookie, which scripts cannot read (HttpOnly).

The session cookie itself is 32 random bytes; only its SHA-256 is stored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12


class InvalidKeyError(ValueError):
    pass


class DecryptionError(Exception):
    pass


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def parse_key(value: str) -> bytes:
    try:
        key = b64url_decode(value.strip())
    except (binascii.Error, ValueError) as exc:
        raise InvalidKeyError("SESSION_ENCRYPTION_KEY is not base64url") from exc
    if len(key) != KEY_BYTES:
        raise InvalidKeyError(f"SESSION_ENCRYPTION_KEY must be {KEY_BYTES} bytes, not {len(key)}")
    return key


def _derive(master: bytes, purpose: str) -> bytes:
    hkdf = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=f"prodvor {purpose} v1".encode())
    return hkdf.derive(master)


def new_cookie_value() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def cookie_hash(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


class SessionCrypto:
    def __init__(self, key: str) -> None:
        master = parse_key(key)
        self._tokens = AESGCM(_derive(master, "session tokens"))
        self._login_state = AESGCM(_derive(master, "login state"))
        self._csrf_key = _derive(master, "csrf")

    def encrypt_token(self, token: str, *, bound_to: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._tokens.encrypt(nonce, token.encode(), bound_to)

    def decrypt_token(self, blob: bytes, *, bound_to: bytes) -> str:
        try:
            return self._tokens.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], bound_to).decode()
        except InvalidTag as exc:
            raise DecryptionError("token ciphertext does not match its key or row") from exc

    def seal_login_state(self, state: dict[str, Any]) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._login_state.encrypt(nonce, json.dumps(state).encode(), b"login state")
        return b64url(nonce + sealed)

    def open_login_state(self, value: str) -> dict[str, Any]:
        try:
            blob = b64url_decode(value)
            nonce, sealed = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
            state = json.loads(self._login_state.decrypt(nonce, sealed, b"login state"))
        except (InvalidTag, ValueError, binascii.Error) as exc:
            raise DecryptionError("login state cookie was not made by us") from exc
        if not isinstance(state, dict):
            raise DecryptionError("login state is not an object")
        return state

    def csrf_token(self, cookie_value: str) -> str:
        return b64url(hmac.new(self._csrf_key, cookie_value.encode(), hashlib.sha256).digest())

    def csrf_matches(self, cookie_value: str, presented: str | None) -> bool:
        if not presented:
            return False
        return hmac.compare_digest(self.csrf_token(cookie_value), presented)
