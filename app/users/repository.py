from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Boolean, Select, bindparam, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity, Principal
from app.db import any_of
from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.users.models import User

SORT_BY_NAME = (SortKey(func.lower(User.display_name), str), SortKey(User.id, uuid.UUID))
# Built once (every request looks its user up): building costs more than running them.
_BY_IDS = select(User).where(any_of(User.id, "ids"))
_BY_SUBJECT = select(User).where(User.subject == bindparam("subject"))


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def get_for_update(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id, with_for_update=True, populate_existing=True)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[User]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    async def get_by_subject(self, subject: str) -> User | None:
        return await self.session.scalar(_BY_SUBJECT, {"subject": subject})

    async def upsert_identity(self, identity: Identity, fingerprint: str) -> tuple[User, bool]:
        """Insert on first sight, refresh the token-owned columns afterwards.

        ``ON CONFLICT`` makes concurrent first requests of one subject create a single row.
        The display name is only initialised here: afterwards it belongs to the user.
        Returns the user and whether this statement inserted it (``xmax = 0`` on a fresh row).
        """
        values = {
            "subject": identity.subject,
            "username": identity.username,
            "email": identity.email,
            "full_name": identity.name,
            "display_name": (identity.name or identity.username)[:100],
            "roles": sorted(identity.roles),
            "claims_hash": fingerprint,
        }
        stmt = (
            insert(User)
            .values(id=uuid.uuid4(), **values)
            .on_conflict_do_update(
                index_elements=[User.subject],
                set_={
                    "username": values["username"],
                    "email": values["email"],
                    "full_name": values["full_name"],
                    "roles": values["roles"],
                    "claims_hash": fingerprint,
                    "updated_at": func.now(),
                },
            )
            .returning(User, literal_column("xmax = 0", Boolean).label("inserted"))
            .execution_options(populate_existing=True)
        )
        user, inserted = (await self.session.execute(stmt)).one()
        return user, bool(inserted)

    async def nickname_owner(self, nickname: str) -> uuid.UUID | None:
        stmt = select(User.id).where(func.lower(User.nickname) == nickname.lower())
        return await self.session.scalar(stmt)

    async def ids_by_nickname(self, nicknames: Sequence[str]) -> dict[str, uuid.UUID]:
        """Owners of the nicknames, keyed by the lower-cased nickname."""
        lowered = {n.lower() for n in nicknames}
        if not lowered:
            return {}
        nickname = func.lower(User.nickname)
        stmt = select(nickname, User.id).where(nickname.in_(lowered))
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}

    def readable_by(self, viewer: Principal) -> Select[User]:
        """Everyone signed in sees active users; staff also see banned ones."""
        stmt = select(User)
        if not viewer.is_staff:
            stmt = stmt.where(or_(User.banned_until.is_(None), User.banned_until < func.now()))
        return stmt

    async def get_readable(self, viewer: Principal, user_id: uuid.UUID) -> User | None:
        return await self.session.scalar(self.readable_by(viewer).where(User.id == user_id))

    async def page(
        self, viewer: Principal, *, search: str | None, request: PageRequest
    ) -> Page[User]:
        stmt = self.readable_by(viewer)
        if search:
            pattern = f"%{_escape_like(search.lower())}%"
            stmt = stmt.where(User.search_text.like(pattern, escape="\\"))
        rows = (await self.session.scalars(keyset(stmt, SORT_BY_NAME, request))).all()
        return build_page(rows, request, lambda user: (user.display_name.lower(), user.id))

    async def banned_ids(self) -> list[uuid.UUID]:
        stmt = select(User.id).where(User.banned_until > func.now())
        return list((await self.session.scalars(stmt)).all())

    async def touch_nickname(self, user: User, nickname: str | None, now: datetime) -> None:
        user.nickname = nickname
        user.nickname_changed_at = now


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
