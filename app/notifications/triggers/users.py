from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of
from app.users.events import UserRegistered


async def registered(session: AsyncSession, event: UserRegistered) -> list[Notice]:
    name = await name_of(session, event.user_id)
    return [
        Notice(
            type=NotificationType.WELCOME,
            recipients=[event.user_id],
            title="Добро пожаловать в ProDvor!",
            body=(
                f"{name}, здесь собираются команды, матчи и турниры вашего двора. "
                "Заполните профиль и найдите команду."
            ),
            link="/dashboard",
            entity=Entity("user", event.user_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {UserRegistered: registered}
