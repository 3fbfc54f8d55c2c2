"""``prodvor worker notifications`` as its own process: it handles events and sends the mail."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from app.auth.principal import Principal
from app.clock import SystemClock
from app.db import Database
from app.teams import applications
from app.teams.applications import Decision
from tests.events.test_cli import ROOT, env_for
from tests.factories import create_application, create_team, create_user
from tests.fixtures.kafka import TansuBroker
from tests.notifications.support import SmtpSink, eventually

pytestmark = pytest.mark.slow


@pytest.fixture(params=["local", "kafka"])
def transport_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """No extra settings for the local transport; a real Tansu broker for Kafka."""
    if request.param == "local":
        yield {}
        return
    broker = TansuBroker()
    broker.start()
    try:
        yield {
            "KAFKA_BOOTSTRAP_SERVERS": broker.address,
            "KAFKA_SESSION_TIMEOUT_MS": "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS": "500",
        }
    finally:
        broker.stop()


async def test_the_worker_process_emails_a_decision(
    committed_database: Database, transport_env: dict[str, str]
) -> None:
    async with committed_database.transaction() as session:
        captain = await create_user(session)
        team = await create_team(session, captain=captain, name="Процесс")
        application = await create_application(session, team=team)
    async with committed_database.transaction() as session:
        actor = Principal(captain.id, captain.subject, frozenset())
        await applications.decide_application(
            session, actor, application.id, Decision.ACCEPT, None, now=SystemClock().now()
        )
    sink = SmtpSink()
    env = env_for(committed_database) | {
        "MAIL_SMTP_HOST": "127.0.0.1",
        "MAIL_SMTP_PORT": str(sink.port),
        "MAIL_SMTP_STARTTLS": "false",
        "EVENTS_POLL_INTERVAL_S": "0.2",
        "NOTIFICATIONS_DELIVERY_POLL_S": "0.2",
        **transport_env,
    }
    with sink.running():
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "app", *command],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for command in (["relay"], ["worker", "notifications"])
        ]
        try:
            [message] = await eventually(
                lambda: [m for m in sink.messages if "принята" in str(m["Subject"])], within=60
            )
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            codes = [process.wait(30) for process in processes]

    assert message["Subject"] == "Заявка в команду «Процесс» принята"
    assert codes == [0, 0]
