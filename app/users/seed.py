"""Demo users for ``prodvor seed``; their subjects are what ``prodvor dev-token`` signs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity, Principal
from app.auth.roles import Role, parse_roles
from app.users import service
from app.users.models import Audience


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    roles: tuple[Role, ...]
    city: str
    birth_date: date
    bio: str

    @property
    def subject(self) -> str:
        return f"demo-{self.username}"

    @property
    def email(self) -> str:
        return f"{self.username}@demo.prodvor.local"

    def identity(self) -> Identity:
        return Identity(
            subject=self.subject,
            username=self.username,
            email=self.email,
            name=self.name,
            roles=frozenset(self.roles),
        )


DEMO_USERS = (
    DemoUser(
        "alice",
        "Алиса Смирнова",
        (Role.PLAYER, Role.CAPTAIN),
        "Москва",
        date(1998, 4, 12),
        "Капитан «Дворовых атлетов», играю в футбол по выходным.",
    ),
    DemoUser(
        "boris",
        "Борис Иванов",
        (Role.PLAYER,),
        "Москва",
        date(2001, 9, 3),
        "Нападающий, люблю стритбол и мини-футбол.",
    ),
    DemoUser(
        "dmitry",
        "Дмитрий Козлов",
        (Role.PLAYER, Role.CAPTAIN),
        "Санкт-Петербург",
        date(1995, 1, 20),
        "Капитан «Соколов».",
    ),
    DemoUser(
        "olga",
        "Ольга Петрова",
        (Role.ORGANIZER, Role.PLAYER),
        "Москва",
        date(1990, 6, 5),
        "Организую городские турниры по стритболу.",
    ),
    DemoUser(
        "ivan",
        "Иван Судейкин",
        (Role.JUDGE,),
        "Москва",
        date(1985, 11, 30),
        "Судья первой категории.",
    ),
    DemoUser(
        "maria",
        "Мария Орлова",
        (Role.MODERATOR,),
        "Казань",
        date(1993, 2, 14),
        "Модератор сообщества.",
    ),
    DemoUser(
        "admin",
        "Администратор ProDvor",
        (Role.ADMINISTRATOR,),
        "Москва",
        date(1988, 8, 8),
        "Администратор платформы.",
    ),
    DemoUser(
        "fedor",
        "Фёдор Тренеров",
        (Role.COACH, Role.PLAYER),
        "Екатеринбург",
        date(1980, 3, 3),
        "Тренер по мини-футболу.",
    ),
)

DEMO_BY_USERNAME = {user.username: user for user in DEMO_USERS}


async def seed_users(session: AsyncSession) -> None:
    for demo in DEMO_USERS:
        user = await service.provision(session, demo.identity())
        user.city = demo.city
        user.birth_date = demo.birth_date
        user.bio = demo.bio
        user.nickname = user.nickname or demo.username
        user.contacts_visibility = Audience.ALL
    await session.flush()


async def demo_principal(session: AsyncSession, username: str) -> Principal:
    """A demo user as the caller of the services that build the other domains' demo data."""
    user = await service.provision(session, DEMO_BY_USERNAME[username].identity())
    return Principal(user_id=user.id, subject=user.subject, roles=parse_roles(user.roles))
