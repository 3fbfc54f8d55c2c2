"""Keyword-only factories: ``create_<model>(session, *, ...)``."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.models import Achievement
from app.auth.principal import Identity
from app.auth.roles import Role
from app.chat.models import Chat, ChatKind, ChatMember, ChatMessage
from app.chat.service import direct_key
from app.db import utcnow
from app.economy import ledger
from app.economy.models import AccountKind, SystemAccount, TransferKind
from app.economy.repository import AccountRepository
from app.feed.models import Activity, ActivityType
from app.matches.models import LineupPlayer, Match, MatchStatus
from app.moderation.models import ReportCategory, UserReport
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    PushSubscription,
)
from app.playgrounds.models import Playground, PlaygroundSport, PlaygroundStatus
from app.playgrounds.values import PlaygroundType, Surface
from app.quests.models import Quest, QuestProgress, QuestType
from app.reference import clear_reference_caches
from app.search.models import FaqItem, RulesDocument
from app.social.models import Follow, FollowTarget, FriendRequest, Friendship
from app.sports.models import Sport, SportCategory
from app.store.models import ItemType, StoreItem
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


async def fund(
    session: AsyncSession, *, user: User | None = None, team: Team | None = None, amount: int
) -> None:
    """Give a user's or a team's wallet ``amount`` PD, as an administrator's adjustment would."""
    owner = AccountKind.USER if user is not None else AccountKind.TEAM
    owner_id = user.id if user is not None else team.id if team is not None else None
    assert owner_id is not None
    wallet = await AccountRepository(session).lock_wallet(owner, owner_id)
    await ledger.transfer(
        session,
        ledger.system(SystemAccount.ADJUSTMENTS),
        wallet,
        amount,
        kind=TransferKind.ADJUSTMENT,
        key=f"test-fund:{uuid.uuid4()}",
        description="Пополнение для теста",
        now=utcnow(),
    )


async def create_quest(
    session: AsyncSession,
    *,
    type: QuestType = QuestType.SPECIAL,
    activities: Iterable[str] = ("team.created",),
    goal: int = 1,
    reward_pd: int = 100,
    reward_xp: int = 10,
    **fields: Any,
) -> Quest:
    n = next(_sequence)
    quest = Quest(
        code=fields.pop("code", f"test.quest-{n}"),
        type=type,
        title=fields.pop("title", f"Квест {n}"),
        description=fields.pop("description", "Описание квеста"),
        activities=list(activities),
        goal=goal,
        reward_pd=reward_pd,
        reward_xp=reward_xp,
        **fields,
    )
    session.add(quest)
    await session.flush()
    clear_reference_caches()
    return quest


async def create_achievement(
    session: AsyncSession,
    *,
    activities: Iterable[str] = ("team.created",),
    threshold: int = 1,
    **fields: Any,
) -> Achievement:
    n = next(_sequence)
    achievement = Achievement(
        code=fields.pop("code", f"test-achievement-{n}"),
        name=fields.pop("name", f"Достижение {n}"),
        description=fields.pop("description", "Описание достижения"),
        icon=fields.pop("icon", "Award"),
        activities=list(activities),
        threshold=threshold,
        sort_order=fields.pop("sort_order", -1000 + n),
        **fields,
    )
    session.add(achievement)
    await session.flush()
    clear_reference_caches()
    return achievement


async def create_store_item(
    session: AsyncSession,
    *,
    type: ItemType = ItemType.COSMETIC,
    price_pd: int | None = 100,
    **fields: Any,
) -> StoreItem:
    n = next(_sequence)
    item = StoreItem(
        code=fields.pop("code", f"test-item-{n}"),
        name=fields.pop("name", f"Товар {n}"),
        description=fields.pop("description", "Описание товара"),
        category=fields.pop("category", "Тест"),
        type=type,
        price_pd=price_pd,
        **fields,
    )
    session.add(item)
    await session.flush()
    return item


async def add_quest_progress(
    session: AsyncSession, *, user: User, quest: Quest, period: str, progress: int | None = None
) -> QuestProgress:
    """Progress as counted by the worker: complete (the goal) unless ``progress`` says less."""
    count = quest.goal if progress is None else progress
    row = QuestProgress(
        user_id=user.id,
        quest_id=quest.id,
        period=period,
        progress=count,
        completed_at=utcnow() if count >= quest.goal else None,
    )
    session.add(row)
    await session.flush()
    return row


async def create_chat(
    session: AsyncSession,
    *,
    members: Iterable[User],
    kind: ChatKind = ChatKind.TEAM,
    subject_id: uuid.UUID | None = None,
    title: str | None = None,
    **fields: object,
) -> Chat:
    """A chat with these members; DIRECT chats are keyed by their two members."""
    people = list(members)
    now = utcnow()
    chat = Chat(kind=kind, title=title, created_at=now, last_activity_at=now, **fields)
    if kind is ChatKind.DIRECT:
        chat.direct_key = direct_key(people[0].id, people[1].id)
    else:
        chat.subject_id = subject_id or uuid.uuid4()
    session.add(chat)
    await session.flush()
    for person in people:
        session.add(ChatMember(chat_id=chat.id, user_id=person.id, joined_at=now))
    await session.flush()
    return chat


async def create_message(
    session: AsyncSession,
    *,
    chat: Chat,
    sender: User,
    text: str | None = None,
    reply_to: ChatMessage | None = None,
    **fields: object,
) -> ChatMessage:
    """The chat's next message, as sending would number it (a tombstone if ``deleted_at``)."""
    chat.last_seq += 1
    if fields.get("deleted_at") is not None:
        text = None
    elif text is None:
        text = f"Сообщение {chat.last_seq}"
    message = ChatMessage(
        chat_id=chat.id,
        seq=chat.last_seq,
        sender_id=sender.id,
        client_message_id=uuid.uuid4().hex,
        text=text,
        reply_to_seq=reply_to.seq if reply_to else None,
        **fields,
    )
    session.add(message)
    await session.flush()
    return message


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


async def create_faq_item(
    session: AsyncSession,
    *,
    question: str | None = None,
    answer: str = "Ответ службы поддержки на этот вопрос.",
    category: str = "Общее",
    published: bool = True,
) -> FaqItem:
    n = next(_sequence)
    item = FaqItem(
        slug=f"faq-{n}",
        category=category,
        question=question or f"Вопрос номер {n}?",
        answer=answer,
        published=published,
    )
    session.add(item)
    await session.flush()
    return item


async def create_rules_document(
    session: AsyncSession,
    *,
    sport_code: str = "football",
    title: str | None = None,
    body: str = "Матч длится два тайма по двадцать минут с перерывом пять минут.",
    published: bool = True,
) -> RulesDocument:
    n = next(_sequence)
    document = RulesDocument(
        slug=f"rules-{n}",
        sport_code=sport_code,
        title=title or f"Правила {n}",
        body=body,
        published=published,
    )
    session.add(document)
    await session.flush()
    return document


async def create_friendship(session: AsyncSession, a: User, b: User) -> None:
    """Friends both ways, as an accepted request leaves them."""
    now = utcnow()
    session.add_all(
        [
            Friendship(user_id=a.id, friend_id=b.id, created_at=now),
            Friendship(user_id=b.id, friend_id=a.id, created_at=now),
        ]
    )
    await session.flush()


async def create_friend_request(
    session: AsyncSession, *, sender: User, recipient: User
) -> FriendRequest:
    request = FriendRequest(from_user_id=sender.id, to_user_id=recipient.id)
    session.add(request)
    await session.flush()
    return request


async def create_follow(
    session: AsyncSession, *, follower: User, target: FollowTarget, target_id: uuid.UUID
) -> Follow:
    follow = Follow(follower_id=follower.id, target=target, target_id=target_id)
    session.add(follow)
    await session.flush()
    return follow


async def create_activity(
    session: AsyncSession,
    *,
    user: User | None = None,
    team: Team | None = None,
    type: ActivityType = ActivityType.STATUS_POSTED,
    text: str | None = "Привет!",
    created_at: datetime | None = None,
) -> Activity:
    activity = Activity(
        type=type,
        user_id=user.id if user else None,
        team_id=team.id if team else None,
        text=text,
        created_at=created_at or utcnow(),
    )
    session.add(activity)
    await session.flush()
    return activity


async def create_user_report(
    session: AsyncSession,
    *,
    reporter: User,
    reported: User,
    category: ReportCategory = ReportCategory.ABUSE,
) -> UserReport:
    report = UserReport(
        reporter_id=reporter.id,
        reported_user_id=reported.id,
        category=category,
        description="Оскорблял в чате",
    )
    session.add(report)
    await session.flush()
    return report
