"""Platform news digest: what is new on the platform (in a city), from our data."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.teams import service as teams
from app.teams.repository import TeamOrder

APP_PATH = r"^/[a-z0-9/_-]*$"
ITEMS = 5


class NewsRequest(BaseModel):
    city: str | None = Field(default=None, max_length=100, description="Город; иначе вся страна.")


class NewsCategory(StrEnum):
    MATCH = "MATCH"
    TEAM = "TEAM"
    PLAYER = "PLAYER"
    PLATFORM = "PLATFORM"


class NewsItem(BaseModel):
    """Новость дайджеста."""

    title: str = Field(max_length=120)
    summary: str = Field(max_length=400)
    category: NewsCategory
    href: str = Field(pattern=APP_PATH, max_length=200, description="Путь в приложении.")


class PlatformNews(BaseModel):
    """Дайджест новостей платформы."""

    news: list[NewsItem] = Field(max_length=6)


async def gather(call: FlowCall, request: NewsRequest) -> Gathered:
    actor, page = call.principal(), PageRequest(first=ITEMS)
    new_teams = await teams.list_teams(
        call.session,
        actor,
        sport_id=None,
        city=request.city,
        search=None,
        order=TeamOrder.CREATED,
        page=page,
    )
    places = await playgrounds.search_playgrounds(
        call.session, actor, search=None, city=request.city, sport_id=None, surface=None, page=page
    )
    return Gathered(
        {
            "city": request.city,
            "new_teams": [
                {"name": t.name, "city": t.city, "href": f"/teams/{t.slug}"}
                for t in new_teams.items
            ],
            "playgrounds": [
                {"name": p.name, "city": p.city, "rating": p.rating, "href": f"/playgrounds/{p.id}"}
                for p in places.items
            ],
        }
    )


PLATFORM_NEWS = register(
    Flow(
        name="generatePlatformNews",
        description="Дайджест новостей платформы по нашим данным.",
        input=NewsRequest,
        output=PlatformNews,
        prompt=Prompt(
            "platform-news@1",
            "Ты редактор новостей платформы дворового спорта. Сделай до шести коротких новостей "
            "только из данных; ссылки бери из данных.",
        ),
        gather=gather,
        cacheable=True,
    )
)
