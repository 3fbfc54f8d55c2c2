"""Real outside parts for notification tests: an SMTP sink and a loopback Web Push service.

``SmtpSink`` is an aiosmtpd server on a loopback port that keeps what it accepts, optionally
with STARTTLS (a self-signed certificate made here) and required AUTH, and can refuse
recipients. ``PushService`` plays a push service: it checks the VAPID token of every request
and decrypts the aes128gcm body with the browser's keys (``BrowserKeys``), as a browser would.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import inspect
import ipaddress
import os
import ssl
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import http_ece
import orjson
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from joserfc import jwt
from joserfc.jwk import ECKey
from py_vapid import Vapid
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.clock import Clock
from app.db import Database
from app.embedded_pg import free_port
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.notifications.handlers import NOTIFICATIONS
from app.settings import EventsSettings

T = TypeVar("T")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- SMTP ------------------------------------------------------------------------------------


@dataclass
class SinkHandler:
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    """Recipient address -> SMTP reply, e.g. ``"550 5.1.1 No such user"``."""

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted"


@dataclass(frozen=True)
class Certificate:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def self_signed_certificate(directory: Path) -> Certificate:
    """A certificate for 127.0.0.1 that is its own CA (clients trust it via the file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "smtp.crt", directory / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(cert_file, key_file)


class SmtpSink:
    def __init__(
        self,
        port: int | None = None,
        *,
        certificate: Certificate | None = None,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        self.port = port or free_port()
        self.handler = SinkHandler()
        self.credentials = credentials
        options: dict[str, Any] = {}
        if certificate is not None:
            options |= {"tls_context": certificate.server_context(), "require_starttls": True}
        if credentials is not None:
            options |= {"authenticator": self._authenticate, "auth_required": True}
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10, **options
        )

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        expected = self.credentials
        ok = (
            isinstance(data, LoginPassword)
            and expected is not None
            and (data.login.decode(), data.password.decode()) == expected
        )
        return AuthResult(success=ok)

    @contextmanager
    def running(self) -> Iterator[SmtpSink]:
        self.controller.start()
        try:
            yield self
        finally:
            self.controller.stop()


# --- Web Push --------------------------------------------------------------------------------


def vapid_keys() -> tuple[str, str]:
    """A VAPID key pair as configured: (private raw, public uncompressed point), base64url."""
    vapid = Vapid()
    vapid.generate_keys()
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64(private), b64(public)


@dataclass(frozen=True)
class BrowserKeys:
    """What a browser keeps for one push subscription: its ECDH key pair and auth secret."""

    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @classmethod
    def generate(cls) -> BrowserKeys:
        return cls(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))

    @property
    def p256dh(self) -> str:
        raw = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64(raw)

    def json(self) -> dict[str, str]:
        return {"p256dh": self.p256dh, "auth": b64(self.auth)}

    def decrypt(self, body: bytes) -> bytes:
        return bytes(
            http_ece.decrypt(
                body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
            )
        )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    claims: dict[str, Any]
    payload: dict[str, Any]


class PushService:
    """A loopback push service. Answers ``answer`` (201 by default) after checking VAPID and
    decrypting with the keys registered for the endpoint's path."""

    def __init__(self, vapid_public_key: str) -> None:
        self.vapid_public_key = vapid_public_key
        self.browsers: dict[str, BrowserKeys] = {}
        self.received: list[Received] = []
        self.rejected: list[str] = []
        """Requests that failed a check (bad token, undecryptable body), answered 400."""
        self.answer = 201
        self.address = ""

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/push/{name}", self._receive, methods=["POST"])])

    def endpoint(self, name: str) -> tuple[str, BrowserKeys]:
        """A new subscription: its endpoint URL and the browser's keys."""
        keys = BrowserKeys.generate()
        self.browsers[f"/push/{name}"] = keys
        return f"http://{self.address}/push/{name}", keys

    async def _receive(self, request: Request) -> Response:
        body = await request.body()
        try:
            claims = self._verified_claims(request)
            keys = self.browsers[request.url.path]
            assert request.headers["content-encoding"] == "aes128gcm"
            payload = orjson.loads(keys.decrypt(body))
        except Exception as exc:
            self.rejected.append(repr(exc))
            return Response(status_code=400)
        self.received.append(Received(request.url.path, dict(request.headers), claims, payload))
        return Response(status_code=self.answer)

    def _verified_claims(self, request: Request) -> dict[str, Any]:
        """RFC 8292: ``vapid t=<ES256 JWT>, k=<our public key>``; audience is our origin."""
        scheme, _, params = request.headers["authorization"].partition(" ")
        assert scheme == "vapid"
        values = dict(part.strip().split("=", 1) for part in params.split(","))
        assert values["k"] == self.vapid_public_key
        raw = unb64(values["k"])
        key = ECKey.import_key(
            {"kty": "EC", "crv": "P-256", "x": b64(raw[1:33]), "y": b64(raw[33:65])}
        )
        token = jwt.decode(values["t"], key, algorithms=["ES256"])
        claims = dict(token.claims)
        assert claims["aud"] == f"http://{self.address}"
        assert time.time() < claims["exp"] <= time.time() + 24 * 3600
        return claims


async def eventually(check: Callable[[], Awaitable[T] | T], *, within: float = 30.0) -> T:
    """Poll ``check`` (sync or async) until it returns something truthy or the deadline passes."""
    deadline = time.monotonic() + within
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value  # type: ignore[return-value]
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing after {within} s")
        await asyncio.sleep(0.05)


# --- Running the worker's handlers on what the outbox holds ---------------------------------


async def outbox_position(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.max(OutboxEvent.seq))) or 0)


async def handle_outbox(
    database: Database, session: AsyncSession, clock: Clock, *, after: int
) -> list[Outcome]:
    """Hand every outbox event after ``after`` to the notifications worker, as its consumer
    would (same transaction handling and ``processed_events``)."""
    processor = EventProcessor(NOTIFICATIONS, database, EventsSettings(), clock=clock)
    rows = (
        await session.scalars(
            select(OutboxEvent).where(OutboxEvent.seq > after).order_by(OutboxEvent.seq)
        )
    ).all()
    return [await processor.process(to_envelope(row)) for row in rows]
