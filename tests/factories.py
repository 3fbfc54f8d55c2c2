"""Keyword-only factories: ``create_<model>(session, *, ...)``."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity
from app.auth.roles import Role
from app.db import utcnow
from app.matches.models import LineupPlayer, Match, MatchStatus
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    PushSubscription,
)
from app.playgrounds.models import Playground, PlaygroundSport, PlaygroundStatus
from app.playgrounds.values import PlaygroundType, Surface
from app.sports.models import Sport, SportCategory
from app.teams.models import (
    ApplicationStatus,
    InvitationStatus,
    Team,
    TeamApplication,
    TeamInvitation,
    TeamMember,
    TeamRole,
)
from app.teams.slugs import slug_base
from app.users import service as users
from app.users.models import User

_sequence = itertools.count(1)


async def create_user(
    session: AsyncSession,
    *,
    username: str | None = None,
    name: str | None = None,
    roles: Iterable[Role] = (Role.PLAYER,),
    **profile: object,
) -> User:
    """A user exactly as first sight of their token would create them, plus profile fields."""
    n = next(_sequence)
    username = username or f"user{n}"
    identity = Identity(
        subject=f"test-{username}-{n}",
        username=username,
        email=f"{username}@example.test",
        name=name or f"Игрок {n}",
        roles=frozenset(roles),
    )
    user = await users.provision(session, identity)
    for key, value in profile.items():
        setattr(user, key, value)
    await session.flush()
    return user


async def create_sport(
    session: AsyncSession,
    *,
    code: str | None = None,
    name: str | None = None,
    category: SportCategory = SportCategory.TEAM,
    roster: tuple[int, int] | None = (2, 30),
    parent: Sport | None = None,
    icon: str = "goal",
) -> Sport:
    """A team sport (room for 30 members) unless told otherwise."""
    n = next(_sequence)
    low, high = (None, None) if category is SportCategory.INDIVIDUAL else (roster or (None, None))
    sport = Sport(
        code=code or f"sport-{n}",
        name=name or f"Вид спорта {n}",
        category=category,
        icon=icon,
        parent_id=parent.id if parent else None,
        roster_min=low,
        roster_max=high,
    )
    session.add(sport)
    await session.flush()
    return sport


async def create_team(
    session: AsyncSession,
    *,
    captain: User | None = None,
    sport: Sport | None = None,
    name: str | None = None,
    city: str = "Москва",
    **fields: object,
) -> Team:
    """A team with its captain as the only member (the captain is created if not given)."""
    n = next(_sequence)
    captain = captain or await create_user(session)
    sport = sport or await create_sport(session)
    name = name or f"Команда {n}"
    fields.setdefault("slug", f"{slug_base(name)}-t{n}")
    team = Team(name=name, sport_id=sport.id, city=city, **fields)
    session.add(team)
    await session.flush()
    await add_member(session, team=team, user=captain, role=TeamRole.CAPTAIN)
    return team


async def add_member(
    session: AsyncSession,
    *,
    team: Team,
    user: User | None = None,
    role: TeamRole = TeamRole.PLAYER,
) -> User:
    """Put a user (a new one if not given) on the team's roster; returns the user."""
    user = user or await create_user(session)
    session.add(TeamMember(team_id=team.id, user_id=user.id, role=role))
    await session.flush()
    return user


async def create_application(
    session: AsyncSession,
    *,
    team: Team,
    user: User | None = None,
    status: ApplicationStatus = ApplicationStatus.PENDING,
    message: str | None = "Возьмите меня",
) -> TeamApplication:
    user = user or await create_user(session)
    application = TeamApplication(team_id=team.id, user_id=user.id, status=status, message=message)
    session.add(application)
    await session.flush()
    return application


async def create_invitation(
    session: AsyncSession,
    *,
    team: Team,
    invited_by: User,
    user: User | None = None,
    role: TeamRole = TeamRole.PLAYER,
    status: InvitationStatus = InvitationStatus.PENDING,
) -> TeamInvitation:
    user = user or await create_user(session)
    invitation = TeamInvitation(
        team_id=team.id, user_id=user.id, invited_by_id=invited_by.id, role=role, status=status
    )
    session.add(invitation)
    await session.flush()
    return invitation


async def create_playground(
    session: AsyncSession,
    *,
    proposer: User | None = None,
    status: PlaygroundStatus = PlaygroundStatus.APPROVED,
    name: str | None = None,
    address: str | None = None,
    city: str = "Москва",
    latitude: float = 55.7558,
    longitude: float = 37.6173,
    surface: Surface = Surface.RUBBER,
    sports: Iterable[Sport] = (),
    **fields: object,
) -> Playground:
    """An approved playground in the centre of Moscow unless told otherwise."""
    n = next(_sequence)
    proposer = proposer or await create_user(session)
    playground = Playground(
        name=name or f"Площадка {n}",
        address=address or f"Москва, ул. Тестовая, д. {n}",
        city=city,
        latitude=latitude,
        longitude=longitude,
        type=fields.pop("type", PlaygroundType.MULTI_SPORT),
        surface=surface,
        status=status,
        proposed_by_id=proposer.id,
        **fields,
    )
    session.add(playground)
    await session.flush()
    session.add_all(PlaygroundSport(playground_id=playground.id, sport_id=s.id) for s in sports)
    await session.flush()
    return playground


async def create_match(
    session: AsyncSession,
    *,
    home: Team | None = None,
    away: Team | None = None,
    playground: Playground | None = None,
    status: MatchStatus = MatchStatus.SCHEDULED,
    scheduled_at: datetime | None = None,
    tournament_id: uuid.UUID | None = None,
    **fields: object,
) -> Match:
    """A match between two teams of one sport (created if not given), an hour from now."""
    sport = None
    if home is None or away is None:
        sport = await create_sport(session)
    home = home or await create_team(session, sport=sport)
    away = away or await create_team(session, sport=sport)
    match = Match(
        sport_id=home.sport_id,
        home_team_id=home.id,
        away_team_id=away.id,
        playground_id=playground.id if playground else None,
        tournament_id=tournament_id,
        scheduled_at=scheduled_at or datetime.now(UTC) + timedelta(hours=1),
        status=status,
        **fields,
    )
    session.add(match)
    await session.flush()
    return match


async def set_lineup(
    session: AsyncSession, *, match: Match, team: Team, players: Iterable[User]
) -> None:
    session.add_all(
        LineupPlayer(match_id=match.id, team_id=team.id, user_id=user.id, position=i)
        for i, user in enumerate(players)
    )
    await session.flush()


async def create_notification(
    session: AsyncSession,
    *,
    recipient: User,
    type: NotificationType = NotificationType.TEAM_INVITATION_RECEIVED,
    title: str | None = None,
    created_at: datetime | None = None,
    read_at: datetime | None = None,
    in_app: bool = True,
) -> Notification:
    n = next(_sequence)
    notification = Notification(
        recipient_id=recipient.id,
        type=type.value,
        title=title or f"Уведомление {n}",
        body=f"Текст уведомления {n}",
        link=f"/teams/team-{n}",
        in_app=in_app,
        source_event_id=uuid.uuid4(),
        created_at=created_at or utcnow(),
        read_at=read_at,
    )
    session.add(notification)
    await session.flush()
    return notification


async def create_push_subscription(
    session: AsyncSession, *, user: User, endpoint: str | None = None
) -> PushSubscription:
    """Valid keys of no real browser; tests that decrypt register their own."""
    n = next(_sequence)
    subscription = PushSubscription(
        user_id=user.id,
        endpoint=endpoint or f"https://fcm.googleapis.com/fcm/send/test-{n}",
        p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth="tBHItJI5svbpez7KI4CCXg",
    )
    session.add(subscription)
    await session.flush()
    return subscription


async def create_delivery(
    session: AsyncSession,
    *,
    notification: Notification,
    channel: Channel = Channel.EMAIL,
    status: DeliveryStatus = DeliveryStatus.PENDING,
    target: str = "player@example.test",
    last_error: str | None = None,
) -> NotificationDelivery:
    delivery = NotificationDelivery(
        notification_id=notification.id,
        recipient_id=notification.recipient_id,
        channel=channel,
        target=target,
        status=status,
        last_error=last_error,
        next_attempt_at=utcnow(),
    )
    session.add(delivery)
    await session.flush()
    return delivery
