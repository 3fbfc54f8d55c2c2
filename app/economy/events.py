"""Economy events: every ledger transfer, every XP award, and rule changes."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.economy"


class TransferRecorded(Event):
    """PD moved between two accounts; ``*_user_id``/``*_team_id`` name wallet owners."""

    type = "economy.transfer_recorded"
    topic = TOPIC

    transfer_id: uuid.UUID
    kind: str
    amount: int
    description: str
    debit_account_id: uuid.UUID
    credit_account_id: uuid.UUID
    debit_user_id: uuid.UUID | None = None
    debit_team_id: uuid.UUID | None = None
    credit_user_id: uuid.UUID | None = None
    credit_team_id: uuid.UUID | None = None
    reverses_id: uuid.UUID | None = None

    @property
    def key(self) -> str:
        return str(self.transfer_id)


class XpAwarded(Event):
    type = "economy.xp_awarded"
    topic = TOPIC

    user_id: uuid.UUID
    amount: int
    reason: str
    total_xp: int
    rank_level: int
    previous_rank_level: int
    """Differs from ``rank_level`` when this award reached a new rank."""

    @property
    def key(self) -> str:
        return str(self.user_id)


class EconomyRuleUpdated(Event):
    type = "economy.rule_updated"
    topic = TOPIC

    code: str
    pd: int
    xp: int
    daily_cap: int | None
    active: bool

    @property
    def key(self) -> str:
        return self.code
