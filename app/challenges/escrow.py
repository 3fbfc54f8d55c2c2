"""The wagers in escrow, through the economy's escrow functions.

Every hold has its own key (``challenge:<id>:<user id>``), so holding, paying out or refunding
again changes nothing: a repeated settlement pays nothing more.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.errors import ChallengerCannotPayError
from app.challenges.models import PersonalChallenge, Verdict
from app.economy import escrow
from app.economy.errors import InsufficientFundsError


def hold_key(challenge: PersonalChallenge, user_id: uuid.UUID) -> str:
    return f"challenge:{challenge.id}:{user_id}"


async def hold_wagers(
    session: AsyncSession, challenge: PersonalChallenge, *, now: datetime, actor_id: uuid.UUID
) -> None:
    """Both wagers or neither: the caller's savepoint undoes the first if the second fails.

    Wallets are locked in user id order, so two challenges between the same pair accepted at
    once cannot deadlock.
    """
    if challenge.wager == 0:
        return
    for user_id in sorted((challenge.creator_id, challenge.opponent_id)):
        try:
            await escrow.hold_entry_fee(
                session,
                escrow.WalletOwner.user(user_id),
                challenge.wager,
                key=hold_key(challenge, user_id),
                description=f"Ставка на вызов «{challenge.title}»",
                now=now,
                actor_id=actor_id,
                kinds=escrow.WAGER,
            )
        except InsufficientFundsError:
            if user_id == challenge.creator_id:
                raise ChallengerCannotPayError() from None
            raise


async def pay_out(
    session: AsyncSession,
    challenge: PersonalChallenge,
    *,
    now: datetime,
    actor_id: uuid.UUID | None,
) -> None:
    """The winner takes both wagers; a draw (or no verdict: a cancellation) refunds both."""
    if challenge.wager == 0:
        return
    winner = challenge.winner_id()
    for user_id in sorted((challenge.creator_id, challenge.opponent_id)):
        key = hold_key(challenge, user_id)
        if winner is None or winner == user_id:
            await escrow.refund_entry_fee(
                session,
                key,
                description=_refund_text(challenge),
                now=now,
                actor_id=actor_id,
                kinds=escrow.WAGER,
            )
        else:
            await escrow.release_entry_fee(
                session,
                key,
                escrow.WalletOwner.user(winner),
                description=f"Выигрыш по вызову «{challenge.title}»",
                now=now,
                actor_id=actor_id,
                kinds=escrow.WAGER,
            )


def _refund_text(challenge: PersonalChallenge) -> str:
    if challenge.verdict is Verdict.DRAW:
        return f"Возврат ставки: ничья по вызову «{challenge.title}»"
    if challenge.verdict is None:
        return f"Возврат ставки: вызов «{challenge.title}» отменён"
    return f"Возврат своей ставки: победа по вызову «{challenge.title}»"
