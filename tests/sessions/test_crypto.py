"""Stored tokens only decrypt where they were written; keys are checked at startup."""

import secrets
import uuid

import pytest

from app.sessions.crypto import DecryptionError, InvalidKeyError, SessionCrypto


def test_a_token_ciphertext_moved_to_another_row_or_column_does_not_decrypt() -> None:
    crypto = SessionCrypto(secrets.token_urlsafe(32))
    row, other_row = uuid.uuid4().bytes, uuid.uuid4().bytes
    blob = crypto.encrypt_token("refresh-token", bound_to=row + b"refresh")

    assert crypto.decrypt_token(blob, bound_to=row + b"refresh") == "refresh-token"
    for bound_to in (other_row + b"refresh", row + b"access"):
        with pytest.raises(DecryptionError):
            crypto.decrypt_token(blob, bound_to=bound_to)


def test_another_key_cannot_read_tokens_or_login_state() -> None:
    crypto, other = (
        SessionCrypto(secrets.token_urlsafe(32)),
        SessionCrypto(secrets.token_urlsafe(32)),
    )
    blob = crypto.encrypt_token("access-token", bound_to=b"x")
    sealed = crypto.seal_login_state({"state": "s"})

    with pytest.raises(DecryptionError):
        other.decrypt_token(blob, bound_to=b"x")
    with pytest.raises(DecryptionError):
        other.open_login_state(sealed)
    assert crypto.csrf_token("cookie") != other.csrf_token("cookie")


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("", id="empty"),
        pytest.param("short", id="short"),
        pytest.param("A" * 22, id="16-bytes"),
        pytest.param("!" * 43, id="not-base64url"),
    ],
)
def test_unusable_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidKeyError):
        SessionCrypto(key)
