"""``prodvor reindex``: rebuilds every source in batches and drops what is gone."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.db import Database
from app.playgrounds.models import PlaygroundStatus
from app.search.commands import reindex
from app.search.models import SearchDocument, Visibility
from app.settings import Settings
from tests.factories import create_faq_item, create_playground, create_team


async def test_reindex_writes_what_is_visible_and_removes_the_rest(
    committed_database: Database, settings: Settings
) -> None:
    db = committed_database
    async with db.transaction() as session:
        team = await create_team(session, name="Буревестник")
        approved = await create_playground(session, name="Стадион у реки")
        await create_playground(session, name="Заброшка", status=PlaygroundStatus.PENDING)
        item = await create_faq_item(session, question="Как найти команду?")
        session.add(
            SearchDocument(
                source_type="TEAM",
                source_id=uuid.uuid4(),
                title="Удалённая команда",
                body="",
                visibility=Visibility.PUBLIC,
                content_hash="x",
            )
        )
    progress: list[tuple[str, int, int]] = []

    totals = await reindex(db, settings, None, lambda *step: progress.append(step))
    again = await reindex(db, settings, ["TEAM"], lambda *step: None)

    async with db.session() as session:
        stored = (
            await session.execute(select(SearchDocument.source_type, SearchDocument.title))
        ).all()
    assert [title for kind, title in stored if kind == "TEAM"] == ["Буревестник"]
    assert [title for kind, title in stored if kind == "PLAYGROUND"] == ["Стадион у реки"]
    assert [title for kind, title in stored if kind == "FAQ"] == [item.question]
    assert (totals["TEAM"].written, totals["TEAM"].removed) == (1, 1)
    assert (again["TEAM"].written, again["TEAM"].removed) == (0, 0)
    assert ("PLAYGROUND", 1, 1) in progress
    async with db.session() as session:
        ids = set((await session.scalars(select(SearchDocument.source_id))).all())
    assert {team.id, approved.id} <= ids
