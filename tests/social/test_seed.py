from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.feed.models import Activity
from app.feed.seed import seed_feed
from app.social.models import Follow, FriendRequest, Friendship
from app.social.seed import seed_social
from app.users.seed import seed_users

MODELS = (Friendship, FriendRequest, Follow, Activity)


async def counts(session: AsyncSession) -> list[int | None]:
    return [await session.scalar(select(func.count()).select_from(m)) for m in MODELS]


async def test_demo_social_graph_and_feed_seed_once(session: AsyncSession) -> None:
    await seed_users(session)
    await seed_social(session)
    await seed_feed(session)
    first = await counts(session)

    await seed_social(session)
    await seed_feed(session)

    assert first == [6, 1, 2, 3]
    assert await counts(session) == first
