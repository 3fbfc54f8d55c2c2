from __future__ import annotations

from app.errors import DomainError


class InsufficientFundsError(DomainError):
    code = "INSUFFICIENT_FUNDS"
    default_message = "Недостаточно PD на счёте"


class IdempotencyKeyReusedError(DomainError):
    """The key was already used for a different operation; repeating is only for the same one."""

    code = "IDEMPOTENCY_KEY_REUSED"
    default_message = "Этот ключ идемпотентности уже использован для другой операции"


class EscrowAlreadySettledError(DomainError):
    code = "ESCROW_ALREADY_SETTLED"
    default_message = "Взнос уже возвращён или перечислен"
