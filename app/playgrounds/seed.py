"""Demo playgrounds for ``prodvor seed``: 200 across five cities, plus a few reviews and homes.

The playgrounds are generated deterministically around real parks and streets of each city
and inserted in bulk under fixed ids (``uuid5``), so seeding again adds nothing and stays fast.
Every 25th one waits for moderation, to fill the moderators' queue.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.db import utcnow
from app.playgrounds import reviews
from app.playgrounds.models import PlaygroundStatus
from app.playgrounds.records import ReviewRepository
from app.playgrounds.repository import PlaygroundRepository
from app.playgrounds.values import Feature, PlaygroundType, Surface
from app.settings import get_settings
from app.sports import service as sports
from app.teams import service as teams
from app.teams import slugs
from app.teams.seed import DEMO_TEAMS
from app.users.seed import demo_principal

NAMESPACE = uuid.UUID("5b0f3c52-2f3e-4a4e-9d55-0c9a3b6e1a01")
PER_CITY = 40
PENDING_EVERY = 25
PROPOSERS = ("alice", "boris", "dmitry", "olga", "fedor")


@dataclass(frozen=True)
class Spot:
    area: str
    street: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class City:
    name: str
    spots: tuple[Spot, ...]


@dataclass(frozen=True)
class Kind:
    title: str
    type: PlaygroundType
    surface: Surface
    features: tuple[Feature, ...]
    sports: tuple[str, ...]


F = Feature
KINDS = (
    Kind(
        "Футбольная коробка",
        PlaygroundType.FOOTBALL,
        Surface.ARTIFICIAL_TURF,
        (F.GOALS, F.FENCE, F.LIGHTING, F.BENCHES),
        ("football", "mini-football", "street-football"),
    ),
    Kind(
        "Баскетбольная площадка",
        PlaygroundType.BASKETBALL,
        Surface.RUBBER,
        (F.BASKETBALL_HOOPS, F.LIGHTING, F.BENCHES),
        ("basketball",),
    ),
    Kind(
        "Стритбольный корт",
        PlaygroundType.STREETBALL,
        Surface.ASPHALT,
        (F.BASKETBALL_HOOPS, F.FENCE),
        ("streetball-3x3", "basketball"),
    ),
    Kind(
        "Воркаут-площадка",
        PlaygroundType.WORKOUT,
        Surface.RUBBER,
        (F.PULL_UP_BARS, F.STRENGTH_EQUIPMENT, F.BENCHES),
        ("street-workout", "crossfit"),
    ),
    Kind(
        "Универсальная площадка",
        PlaygroundType.MULTI_SPORT,
        Surface.RUBBER,
        (F.GOALS, F.BASKETBALL_HOOPS, F.VOLLEYBALL_NET, F.FENCE, F.LIGHTING),
        ("mini-football", "basketball", "volleyball"),
    ),
    Kind(
        "Пляжный волейбол",
        PlaygroundType.MULTI_SPORT,
        Surface.SAND,
        (F.VOLLEYBALL_NET, F.WATER_SOURCE),
        ("beach-volleyball", "beach-football"),
    ),
    Kind(
        "Теннисный корт",
        PlaygroundType.TENNIS_COURT,
        Surface.ARTIFICIAL_TURF,
        (F.FENCE, F.LIGHTING, F.CHANGING_ROOM),
        ("tennis", "tennis-doubles"),
    ),
    Kind(
        "Каток",
        PlaygroundType.ICE_RINK,
        Surface.ICE,
        (F.LIGHTING, F.CHANGING_ROOM, F.EQUIPMENT_RENTAL, F.BENCHES),
        ("hockey", "figure-skating"),
    ),
    Kind(
        "Футбольное поле",
        PlaygroundType.FOOTBALL,
        Surface.NATURAL_TURF,
        (F.GOALS, F.CHANGING_ROOM, F.LIGHTING, F.WATER_SOURCE),
        ("football",),
    ),
    Kind(
        "Лыжная трасса",
        PlaygroundType.SKI_TRACK,
        Surface.SNOW,
        (F.LIGHTING, F.EQUIPMENT_RENTAL),
        ("skiing", "running"),
    ),
)

CITIES = (
    City(
        "Москва",
        (
            Spot("Лужники", "Лужнецкая наб.", 55.7158, 37.5537),
            Spot("Парк Горького", "ул. Крымский Вал", 55.7298, 37.6010),
            Spot("Сокольники", "ул. Сокольнический Вал", 55.7925, 37.6747),
            Spot("Измайлово", "Народный просп.", 55.7747, 37.7536),
            Spot("ВДНХ", "просп. Мира", 55.8262, 37.6377),
            Spot("Коломенское", "просп. Андропова", 55.6677, 37.6712),
            Spot("Царицыно", "ул. Дольская", 55.6156, 37.6821),
            Spot("Фили", "Большая Филёвская ул.", 55.7525, 37.4877),
            Spot("Ходынское поле", "Ходынский бул.", 55.7880, 37.5339),
            Spot("Строгино", "Строгинский бул.", 55.8038, 37.4030),
            Spot("Кузьминки", "Кузьминская ул.", 55.6948, 37.7830),
            Spot("Ясенево", "Новоясеневский просп.", 55.6065, 37.5336),
        ),
    ),
    City(
        "Санкт-Петербург",
        (
            Spot("Крестовский остров", "Футбольная аллея", 59.9726, 30.2210),
            Spot("Парк 300-летия", "Приморский просп.", 59.9837, 30.2075),
            Spot("Парк Победы", "Кузнецовская ул.", 59.8687, 30.3292),
            Spot("Таврический сад", "Кирочная ул.", 59.9456, 30.3727),
            Spot("Удельный парк", "Фермское шоссе", 60.0162, 30.3104),
            Spot("Екатерингоф", "Лифляндская ул.", 59.9039, 30.2598),
            Spot("Сосновка", "просп. Тореза", 60.0170, 30.3500),
            Spot("Купчино", "Бухарестская ул.", 59.8600, 30.3800),
            Spot("Малоохтинский парк", "Малоохтинский просп.", 59.9334, 30.4118),
            Spot("Васильевский остров", "Малый просп. В.О.", 59.9405, 30.2620),
        ),
    ),
    City(
        "Казань",
        (
            Spot("Парк Горького", "ул. Ершова", 55.7938, 49.1525),
            Spot("Чёрное озеро", "ул. Дзержинского", 55.7936, 49.1183),
            Spot("Кремлёвская набережная", "Кремлёвская наб.", 55.8028, 49.1021),
            Spot("Парк Победы", "просп. Победы", 55.7538, 49.2176),
            Spot("Казань Арена", "просп. Ямашева", 55.8206, 49.1608),
            Spot("Горки", "ул. Рихарда Зорге", 55.7500, 49.1900),
            Spot("Азино", "ул. Академика Сахарова", 55.7670, 49.2220),
            Spot("Парк Урицкого", "ул. Фрунзе", 55.8390, 49.0640),
        ),
    ),
    City(
        "Екатеринбург",
        (
            Spot("Екатеринбург Арена", "ул. Репина", 56.8326, 60.5737),
            Spot("ЦПКиО Маяковского", "ул. Мичурина", 56.8128, 60.6386),
            Spot("Харитоновский сад", "ул. Карла Либкнехта", 56.8475, 60.6208),
            Spot("Зелёная роща", "ул. Шейнкмана", 56.8228, 60.6080),
            Spot("Академический", "ул. Вильгельма де Геннина", 56.7870, 60.5270),
            Spot("Уралмаш", "просп. Космонавтов", 56.8908, 60.6150),
            Spot("Ботаника", "ул. 8 Марта", 56.7960, 60.6290),
            Spot("ВИЗ", "ул. Татищева", 56.8460, 60.5700),
        ),
    ),
    City(
        "Новосибирск",
        (
            Spot("Центральный парк", "ул. Мичурина", 55.0427, 82.9227),
            Spot("Михайловская набережная", "ул. Большевистская", 55.0170, 82.9300),
            Spot("Академгородок", "Морской просп.", 54.8400, 83.0960),
            Spot("Заельцовский парк", "ул. Жуковского", 55.0780, 82.9260),
            Spot("Берёзовая роща", "ул. Ольги Жилиной", 55.0440, 82.9450),
            Spot("Бугринская роща", "ул. Сибиряков-Гвардейцев", 54.9780, 82.9190),
            Spot("Стадион «Спартак»", "ул. Фрунзе", 55.0360, 82.9330),
            Spot("Парк Кирова", "ул. Петухова", 54.9500, 82.8900),
        ),
    ),
)

DEMO_REVIEWS = (
    ("alice", 5, "Отличное покрытие, вечером всегда есть с кем сыграть."),
    ("boris", 4, "Хорошая площадка, но в выходные очень людно."),
    ("olga", 3, "Неплохо, только освещение слабое после девяти вечера."),
)
REVIEWED = 6
"""The first playgrounds get the demo reviews."""
HOMES_PER_TEAM = 2


@dataclass(frozen=True)
class DemoPlayground:
    id: uuid.UUID
    name: str
    address: str
    city: str
    latitude: float
    longitude: float
    kind: Kind
    proposer: str
    pending: bool


def demo_playgrounds() -> list[DemoPlayground]:
    """Every demo playground, the same on every run."""
    rng = random.Random(2026)
    demos: list[DemoPlayground] = []
    for city in CITIES:
        names: dict[str, int] = {}
        for i in range(PER_CITY):
            spot = city.spots[i % len(city.spots)]
            kind = KINDS[(i * 3 + len(city.name)) % len(KINDS)]
            name = f"{kind.title} «{spot.area}»"
            names[name] = names.get(name, 0) + 1
            demos.append(
                DemoPlayground(
                    id=uuid.uuid5(NAMESPACE, f"{city.name}:{i}"),
                    name=name if names[name] == 1 else f"{name} № {names[name]}",
                    address=f"{city.name}, {spot.street}, д. {rng.randint(1, 140)}",
                    city=city.name,
                    latitude=round(spot.latitude + rng.uniform(-0.006, 0.006), 6),
                    longitude=round(spot.longitude + rng.uniform(-0.01, 0.01), 6),
                    kind=kind,
                    proposer=PROPOSERS[len(demos) % len(PROPOSERS)],
                    pending=(len(demos) + 1) % PENDING_EVERY == 0,
                )
            )
    return demos


async def seed_playgrounds(session: AsyncSession) -> None:
    demos = demo_playgrounds()
    people = {name: await demo_principal(session, name) for name in PROPOSERS}
    moderator = await demo_principal(session, "maria")
    codes = await _sport_ids(session, {code for demo in demos for code in demo.kind.sports})
    now = utcnow()
    rows = [_row(demo, people[demo.proposer], moderator, now) for demo in demos]
    links = [(demo.id, codes[code]) for demo in demos for code in demo.kind.sports]
    await PlaygroundRepository(session).insert_missing(rows, links)
    approved = [demo for demo in demos if not demo.pending]
    await _seed_reviews(session, [demo.id for demo in approved[:REVIEWED]])
    await _seed_homes(session, approved, codes)
    await session.flush()


def _row(
    demo: DemoPlayground, proposer: Principal, moderator: Principal, now: datetime
) -> dict[str, object]:
    moderated = None if demo.pending else now
    return {
        "id": demo.id,
        "name": demo.name,
        "address": demo.address,
        "city": demo.city,
        "latitude": demo.latitude,
        "longitude": demo.longitude,
        "type": demo.kind.type,
        "surface": demo.kind.surface,
        "features": sorted(demo.kind.features),
        "status": PlaygroundStatus.PENDING if demo.pending else PlaygroundStatus.APPROVED,
        "proposed_by_id": proposer.user_id,
        "moderated_by_id": None if demo.pending else moderator.user_id,
        "moderated_at": moderated,
        "created_at": now - timedelta(days=30),
        "updated_at": now,
    }


async def _seed_reviews(session: AsyncSession, playground_ids: list[uuid.UUID]) -> None:
    existing = ReviewRepository(session)
    for playground_id in playground_ids:
        for username, rating, comment in DEMO_REVIEWS:
            author = await demo_principal(session, username)
            if await existing.by_author(playground_id, author.user_id) is None:
                await reviews.review_playground(
                    session, author, playground_id, rating, comment, now=utcnow()
                )


async def _seed_homes(
    session: AsyncSession, approved: list[DemoPlayground], codes: dict[str, uuid.UUID]
) -> None:
    """Demo teams without home playgrounds get the first approved ones of their city and sport."""
    for demo_team in DEMO_TEAMS:
        captain = await demo_principal(session, demo_team.captain)
        team = await teams.get_team_by_slug(session, captain, slugs.slug_base(demo_team.name))
        if team is None or team.is_disbanded:
            continue
        if await teams.home_playground_ids(session, team.id):
            continue
        fitting = [
            demo.id
            for demo in approved
            if demo.city == team.city and codes.get(demo_team.sport) in _sports(demo, codes)
        ]
        await teams.set_home_playgrounds(
            session,
            captain,
            team.id,
            list(fitting[:HOMES_PER_TEAM]),
            now=utcnow(),
            limit=get_settings().teams.max_home_playgrounds,
        )


def _sports(demo: DemoPlayground, codes: dict[str, uuid.UUID]) -> set[uuid.UUID]:
    return {codes[code] for code in demo.kind.sports}


async def _sport_ids(session: AsyncSession, wanted: set[str]) -> dict[str, uuid.UUID]:
    found = {}
    for code in sorted(wanted | {demo.sport for demo in DEMO_TEAMS}):
        sport = await sports.get_sport_by_code(session, code)
        if sport is None:
            raise RuntimeError(f"seed the sports before the playgrounds: no {code}")
        found[code] = sport.id
    return found
