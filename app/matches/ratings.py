"""Skill ratings: OpenSkill's Weng-Lin model with Plackett-Luce, per sport, with history.

Chosen over Elo because it rates teams of unequal size and individual players inside teams
from the same result, and tracks uncertainty (sigma), so a new team's rating moves fast and
an established one's slowly without a hand-tuned K. People see the ``ordinal``
(mu - 3 sigma), which starts at 0 and only grows with evidence.

A confirmed match rates the two teams as two single competitors, and the two lineups as two
teams of players. Technical results are not rated: no game was played.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from openskill.models import PlackettLuce, PlackettLuceRating
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import NotFoundError
from app.matches.events import MatchConfirmed
from app.matches.history import RatingRepository
from app.matches.models import SkillRating, SkillRatingChange, SubjectKind
from app.pagination import Page, PageRequest
from app.teams import service as teams
from app.teams import standing

MODEL = PlackettLuce()


async def rate_match(session: AsyncSession, event: MatchConfirmed, *, now: datetime) -> bool:
    """Apply the match to the ratings once; ``False`` if it was applied before (or is not rated)."""
    if event.technical:
        return False
    scores = [float(event.home_score), float(event.away_score)]
    sides = [[event.home_team_id], [event.away_team_id]]
    updated = await _rate(session, SubjectKind.TEAM, sides, scores, event, now)
    if updated is None:
        return False
    for team_id in (event.home_team_id, event.away_team_id):
        await standing.set_rating(session, team_id, updated[team_id].ordinal)
    if event.home_player_ids and event.away_player_ids:
        players = [event.home_player_ids, event.away_player_ids]
        await _rate(session, SubjectKind.PLAYER, players, scores, event, now)
    return True


async def rating_history(
    session: AsyncSession,
    viewer: Principal,
    *,
    team_id: uuid.UUID | None,
    user_id: uuid.UUID | None,
    sport_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[SkillRatingChange] | None:
    """A team's (in its sport) or a player's (in ``sport_id``) rating changes, newest first."""
    if team_id is not None:
        team = await teams.get_team(session, viewer, team_id)
        if team is None:
            return None
        subject, kind, sport = team.id, SubjectKind.TEAM, team.sport_id
    else:
        if user_id is None or sport_id is None:
            raise NotFoundError()
        subject, kind, sport = user_id, SubjectKind.PLAYER, sport_id
    return await RatingRepository(session).history(kind, subject, sport, page)


async def _rate(
    session: AsyncSession,
    kind: SubjectKind,
    sides: Sequence[Sequence[uuid.UUID]],
    scores: list[float],
    event: MatchConfirmed,
    now: datetime,
) -> dict[uuid.UUID, SkillRating] | None:
    repo = RatingRepository(session)
    everyone = [subject for side in sides for subject in side]
    await repo.lock_subjects(kind, everyone)
    if await repo.rated(kind, event.match_id):
        return None
    current = await repo.locked(kind, everyone, event.sport_id)
    before = [[_model(current.get(s)) for s in side] for side in sides]
    after = MODEL.rate(before, scores=scores)
    updated: dict[uuid.UUID, SkillRating] = {}
    for subjects, olds, news in zip(sides, before, after, strict=True):
        for subject, old, new in zip(subjects, olds, news, strict=True):
            rating = current.get(subject) or SkillRating(
                subject_kind=kind, subject_id=subject, sport_id=event.sport_id, matches=0
            )
            rating.mu, rating.sigma, rating.ordinal = new.mu, new.sigma, new.ordinal()
            rating.matches += 1
            rating.updated_at = now
            repo.add_rating(rating)
            repo.add_change(_change(kind, subject, event, old, new, now))
            updated[subject] = rating
    await session.flush()
    return updated


def _model(rating: SkillRating | None) -> PlackettLuceRating:
    if rating is None:
        return MODEL.rating()
    return MODEL.rating(mu=rating.mu, sigma=rating.sigma)


def _change(
    kind: SubjectKind,
    subject: uuid.UUID,
    event: MatchConfirmed,
    old: PlackettLuceRating,
    new: PlackettLuceRating,
    now: datetime,
) -> SkillRatingChange:
    return SkillRatingChange(
        subject_kind=kind,
        subject_id=subject,
        sport_id=event.sport_id,
        match_id=event.match_id,
        mu_before=old.mu,
        sigma_before=old.sigma,
        ordinal_before=old.ordinal(),
        mu=new.mu,
        sigma=new.sigma,
        ordinal=new.ordinal(),
        recorded_at=now,
    )
