"""Match notifications: challenges, scheduling, the reminder, results and cancellations.

Who hears what: a challenge and each answer go to the captain who has to act next, a
withdrawn challenge to the challenged team's captain (under the challenge's kind); a match
scheduled from a challenge goes to the teams' other members (both captains already know),
a tournament fixture to everyone in both teams; the reminder and a cancellation go to both
teams (not to whoever cancelled); a reported score to the captain who must confirm it; a
dispute to the captains; a confirmed, resolved or technical result to both teams and everyone
who played. Times in the texts are Moscow time, as the product shows them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.events import (
    MatchCancelled,
    MatchChallengeAnswered,
    MatchChallengeSent,
    MatchChallengeWithdrawn,
    MatchConfirmed,
    MatchDisputed,
    MatchReminderDue,
    MatchResultReported,
    MatchScheduled,
)
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger
from app.teams import service as teams
from app.teams.models import Team

MOSCOW = ZoneInfo("Europe/Moscow")
UNKNOWN_TEAM = "Команда"

RESULT_TYPES = {
    "RESOLVED": NotificationType.MATCH_DISPUTE_RESOLVED,
    "TECHNICAL": NotificationType.MATCH_TECHNICAL_RESULT,
}


def when(moment: datetime) -> str:
    return moment.astimezone(MOSCOW).strftime("%d.%m в %H:%M (МСК)")


def _names(found: dict[uuid.UUID, Team], *team_ids: uuid.UUID) -> list[str]:
    return [found[t].name if t in found else UNKNOWN_TEAM for t in team_ids]


async def _pair(session: AsyncSession, home: uuid.UUID, away: uuid.UUID) -> tuple[str, str]:
    found = await teams.teams_by_id(session, [home, away])
    home_name, away_name = _names(found, home, away)
    return home_name, away_name


async def _captains(session: AsyncSession, *team_ids: uuid.UUID) -> list[uuid.UUID]:
    return [c for t in team_ids if (c := await teams.captain_id(session, t)) is not None]


async def _members(session: AsyncSession, *team_ids: uuid.UUID) -> list[uuid.UUID]:
    return [user for t in team_ids for user, _ in await teams.member_roles(session, t)]


def _except(users: Iterable[uuid.UUID], *excluded: uuid.UUID | None) -> list[uuid.UUID]:
    return [user for user in dict.fromkeys(users) if user not in excluded]


def _match_notice(
    kind: NotificationType, match_id: uuid.UUID, recipients: list[uuid.UUID], title: str, body: str
) -> list[Notice]:
    if not recipients:
        return []
    link = f"/matches/{match_id}"
    return [Notice(kind, recipients, title, body, link, Entity("match", match_id))]


async def challenge_sent(session: AsyncSession, event: MatchChallengeSent) -> list[Notice]:
    found = await teams.teams_by_id(session, [event.from_team_id, event.to_team_id])
    if (to_team := found.get(event.to_team_id)) is None:
        return []
    [challenger] = _names(found, event.from_team_id)
    return [
        Notice(
            NotificationType.MATCH_CHALLENGE_RECEIVED,
            await _captains(session, event.to_team_id),
            f"«{challenger}» вызывает вас на матч",
            f"«{challenger}» предлагает сыграть с «{to_team.name}» {when(event.proposed_at)}. "
            "Примите вызов, отклоните его или предложите другое время.",
            f"/teams/{to_team.slug}/manage",
            Entity("team", to_team.id),
        )
    ]


async def challenge_answered(session: AsyncSession, event: MatchChallengeAnswered) -> list[Notice]:
    """To the other side's captain; an accepted challenge links to its match."""
    pair = (event.from_team_id, event.to_team_id)
    found = await teams.teams_by_id(session, pair)
    to_captain = await teams.captain_id(session, event.to_team_id)
    answering, other = pair[::-1] if to_captain == event.answered_by else pair
    if (other_team := found.get(other)) is None:
        return []
    [name] = _names(found, answering)
    title, body = {
        "ACCEPTED": (
            f"«{name}» принимает вызов",
            f"Матч с «{name}» назначен на {when(event.proposed_at)}.",
        ),
        "DECLINED": (f"«{name}» отклоняет вызов", f"«{name}» не сможет сыграть с вами."),
        "TIME_PROPOSED": (
            f"«{name}» предлагает другое время",
            f"«{name}» предлагает сыграть {when(event.proposed_at)}. "
            "Примите, отклоните или предложите своё время.",
        ),
    }[event.answer]
    link, entity = f"/teams/{other_team.slug}/manage", Entity("team", other_team.id)
    if event.match_id is not None:
        link, entity = f"/matches/{event.match_id}", Entity("match", event.match_id)
    recipients = _except(await _captains(session, other), event.answered_by)
    kind = NotificationType.MATCH_CHALLENGE_ANSWERED
    return [Notice(kind, recipients, title, body, link, entity)] if recipients else []


async def challenge_withdrawn(
    session: AsyncSession, event: MatchChallengeWithdrawn
) -> list[Notice]:
    found = await teams.teams_by_id(session, [event.from_team_id, event.to_team_id])
    if (to_team := found.get(event.to_team_id)) is None:
        return []
    [challenger] = _names(found, event.from_team_id)
    recipients = _except(await _captains(session, event.to_team_id), event.withdrawn_by)
    if not recipients:
        return []
    return [
        Notice(
            NotificationType.MATCH_CHALLENGE_RECEIVED,
            recipients,
            f"«{challenger}» отзывает вызов",
            f"Матча «{challenger}» — «{to_team.name}» {when(event.proposed_at)} не будет: "
            "вызов отозван.",
            f"/teams/{to_team.slug}/manage",
            Entity("team", to_team.id),
        )
    ]


async def scheduled(session: AsyncSession, event: MatchScheduled) -> list[Notice]:
    home, away = await _pair(session, event.home_team_id, event.away_team_id)
    members = await _members(session, event.home_team_id, event.away_team_id)
    if event.challenge_id is not None:
        members = _except(
            members, *await _captains(session, event.home_team_id, event.away_team_id)
        )
    return _match_notice(
        NotificationType.MATCH_SCHEDULED,
        event.match_id,
        _except(members),
        f"Матч «{home}» — «{away}» назначен",
        f"Матч «{home}» — «{away}» пройдёт {when(event.scheduled_at)}.",
    )


async def reminder_due(session: AsyncSession, event: MatchReminderDue) -> list[Notice]:
    home, away = await _pair(session, event.home_team_id, event.away_team_id)
    return _match_notice(
        NotificationType.MATCH_REMINDER,
        event.match_id,
        _except(await _members(session, event.home_team_id, event.away_team_id)),
        f"Скоро матч «{home}» — «{away}»",
        f"Матч «{home}» — «{away}» начнётся {when(event.scheduled_at)}. Не опаздывайте!",
    )


async def result_reported(session: AsyncSession, event: MatchResultReported) -> list[Notice]:
    found = await teams.teams_by_id(session, [event.team_id])
    [reporter] = _names(found, event.team_id)
    return _match_notice(
        NotificationType.MATCH_RESULT_REPORTED,
        event.match_id,
        await _captains(session, event.awaiting_team_id),
        "Подтвердите счёт матча",
        f"«{reporter}» сообщает счёт {event.home_score}:{event.away_score} (хозяева — гости). "
        f"Подтвердите его или оспорьте до {when(event.confirm_by)}, иначе он будет засчитан.",
    )


async def disputed(session: AsyncSession, event: MatchDisputed) -> list[Notice]:
    home, away = await _pair(session, event.home_team_id, event.away_team_id)
    if event.cause == "REPORTS_DIFFER":
        body = "Команды сообщили разный счёт. Результат определит судья или модератор."
    else:
        body = f"Результат оспорен: {event.reason}. Спор решит судья или модератор."
    return _match_notice(
        NotificationType.MATCH_DISPUTED,
        event.match_id,
        _except(
            await _captains(session, event.home_team_id, event.away_team_id), event.disputed_by
        ),
        f"Спор по матчу «{home}» — «{away}»",
        body,
    )


async def confirmed(session: AsyncSession, event: MatchConfirmed) -> list[Notice]:
    home, away = await _pair(session, event.home_team_id, event.away_team_id)
    score = f"{event.home_score}:{event.away_score}"
    outcome = "Ничья."
    if event.winner_team_id is not None:
        winner = home if event.winner_team_id == event.home_team_id else away
        outcome = f"Победа «{winner}»."
    titles = {
        NotificationType.MATCH_RESULT_CONFIRMED: "Результат матча «{}» — «{}» подтверждён",
        NotificationType.MATCH_DISPUTE_RESOLVED: "Спор по матчу «{}» — «{}» решён",
        NotificationType.MATCH_TECHNICAL_RESULT: "Технический результат матча «{}» — «{}»",
    }
    kind = RESULT_TYPES.get(event.result_kind, NotificationType.MATCH_RESULT_CONFIRMED)
    members = await _members(session, event.home_team_id, event.away_team_id)
    return _match_notice(
        kind,
        event.match_id,
        _except([*members, *event.home_player_ids, *event.away_player_ids]),
        titles[kind].format(home, away),
        f"Матч «{home}» — «{away}»: итоговый счёт {score}. {outcome}",
    )


async def cancelled(session: AsyncSession, event: MatchCancelled) -> list[Notice]:
    home, away = await _pair(session, event.home_team_id, event.away_team_id)
    return _match_notice(
        NotificationType.MATCH_CANCELLED,
        event.match_id,
        _except(
            await _members(session, event.home_team_id, event.away_team_id), event.cancelled_by
        ),
        f"Матч «{home}» — «{away}» отменён",
        f"Причина: {event.reason}",
    )


TRIGGERS: dict[type, Trigger] = {
    MatchChallengeSent: challenge_sent,
    MatchChallengeAnswered: challenge_answered,
    MatchChallengeWithdrawn: challenge_withdrawn,
    MatchScheduled: scheduled,
    MatchReminderDue: reminder_due,
    MatchResultReported: result_reported,
    MatchDisputed: disputed,
    MatchConfirmed: confirmed,
    MatchCancelled: cancelled,
}
