"""Notification emails: Jinja2 templates (HTML and plain text), SMTP or ``.eml`` files.

Each message carries ``List-Unsubscribe`` with the signed one-click link of its type
(RFC 8058: mail clients POST ``List-Unsubscribe=One-Click`` to it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Protocol

import aiosmtplib
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.notifications import unsubscribe
from app.notifications.catalogue import CATALOGUE, NotificationType
from app.notifications.errors import SendError
from app.notifications.models import Notification
from app.settings import MailSettings, Settings
from app.users.models import User

SETTINGS_ROUTE = "/settings?tab=notifications"

templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None:
        """Hand the message over, or raise ``SendError``."""
        ...


def compose(
    notification: Notification,
    recipient: User,
    address: str,
    *,
    settings: Settings,
    key: bytes,
    now: datetime,
) -> EmailMessage:
    kind = NotificationType(notification.type)
    frontend = settings.notifications.frontend_url.rstrip("/")
    unsubscribe_url = unsubscribe.link(settings, key, recipient.id, kind)
    context = {
        "title": notification.title,
        "body": notification.body,
        "link_url": frontend + notification.link,
        "settings_url": frontend + SETTINGS_ROUTE,
        "unsubscribe_url": unsubscribe_url,
        "recipient_name": recipient.display_name,
        "kind_label": CATALOGUE[kind].label,
        "data": notification.data,
    }
    message = EmailMessage()
    message["From"] = settings.mail.from_address
    message["To"] = formataddr((recipient.display_name, address))
    message["Subject"] = notification.title
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=_domain(settings.mail.from_address))
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_render(kind, "txt", context))
    message.add_alternative(_render(kind, "html", context), subtype="html")
    return message


def _render(kind: NotificationType, extension: str, context: Mapping[str, object]) -> str:
    names = [f"email/{kind.value.lower()}.{extension}.j2", f"email/default.{extension}.j2"]
    return templates.select_template(names).render(context)


def _domain(from_address: str) -> str:
    address = parseaddr(from_address)[1]
    return Address(addr_spec=address).domain if "@" in address else "localhost"


class SmtpMailer:
    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    async def send(self, message: EmailMessage) -> None:
        s = self.settings
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username or None,
                password=s.smtp_password.get_secret_value() or None,
                use_tls=s.smtp_tls,
                start_tls=s.smtp_starttls and not s.smtp_tls,
                cert_bundle=str(s.smtp_ca_file) if s.smtp_ca_file else None,
                timeout=s.smtp_timeout_s,
            )
        except aiosmtplib.SMTPException as exc:
            raise SendError(f"{type(exc).__name__}: {exc}", permanent=_permanent(exc)) from exc
        except OSError as exc:
            raise SendError(f"SMTP server unreachable: {exc!r}", permanent=False) from exc


def _permanent(exc: aiosmtplib.SMTPException) -> bool:
    """Only a 5xx about this message or its recipient is final.

    Refused credentials or sender are the operator's problem: retries succeed once the
    configuration is fixed, so those stay temporary like 4xx answers and lost connections.
    """
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        return all(refusal.code >= 500 for refusal in exc.recipients)
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        return exc.code >= 500
    return False


class FileMailer:
    """The embedded default: every message becomes an ``.eml`` file in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._write, message)

    def _write(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").replace("/", "_")
        # Written aside and renamed so a reader (a mail viewer, a test) never sees half a file.
        partial = self.directory / f".{name}.partial"
        partial.write_bytes(bytes(message))
        partial.replace(self.directory / f"{name}.eml")


def mailer_for(settings: Settings) -> Mailer:
    if settings.mail.smtp_host:
        return SmtpMailer(settings.mail)
    return FileMailer(settings.mail.outbox_dir or settings.data_dir / "mail")
