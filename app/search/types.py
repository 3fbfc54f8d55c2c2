from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.leagues.types import League
from app.playgrounds.types import Playground
from app.search import models
from app.search.retrieval import Hit
from app.teams.types import Team
from app.tournaments.types import Tournament
from app.users.types import User


@strawberry.enum(description="Что ищем.")
class SearchType(Enum):
    USER = "USER"
    TEAM = "TEAM"
    PLAYGROUND = "PLAYGROUND"
    TOURNAMENT = "TOURNAMENT"
    LEAGUE = "LEAGUE"
    FAQ = "FAQ"
    RULES = "RULES"


@strawberry.type(description="Вопрос справки.")
class FaqItem:
    id: strawberry.ID
    slug: str
    category: str
    question: str
    answer: str
    published: bool
    position: int
    updated_at: datetime

    @classmethod
    def from_model(cls, item: models.FaqItem) -> FaqItem:
        return cls(
            id=to_id(item.id),
            slug=item.slug,
            category=item.category,
            question=item.question,
            answer=item.answer,
            published=item.published,
            position=item.position,
            updated_at=item.updated_at,
        )


@strawberry.type(description="Краткие правила формата.")
class RulesDocument:
    id: strawberry.ID
    slug: str
    sport_code: str
    title: str
    body: str
    published: bool
    updated_at: datetime

    @classmethod
    def from_model(cls, document: models.RulesDocument) -> RulesDocument:
        return cls(
            id=to_id(document.id),
            slug=document.slug,
            sport_code=document.sport_code,
            title=document.title,
            body=document.body,
            published=document.published,
            updated_at=document.updated_at,
        )


@strawberry.type(description="Найденный объект: заполнено поле его типа.")
class SearchHit:
    type: SearchType
    score: float = strawberry.field(description="Оценка слияния рангов (RRF); больше — выше.")
    relevance: float = strawberry.field(
        description="Близость к запросу от 0 до 1: доля слов запроса, сходство, смысл."
    )
    title: str
    highlight: str = strawberry.field(
        description="Фрагмент текста; совпадения выделены как **слово**."
    )
    hit: strawberry.Private[Hit]

    @classmethod
    def from_hit(cls, hit: Hit) -> SearchHit:
        return cls(
            type=SearchType(hit.source_type),
            score=hit.score,
            relevance=round(hit.relevance, 4),
            title=hit.title,
            highlight=hit.highlight,
            hit=hit,
        )

    def _of(self, kind: SearchType) -> bool:
        return self.type is kind

    @strawberry.field
    async def user(self, info: Info) -> User | None:
        if not self._of(SearchType.USER):
            return None
        user = await info.context.loaders.user_by_id.load(self.hit.source_id)
        return User.from_model(user) if user else None

    @strawberry.field
    async def team(self, info: Info) -> Team | None:
        if not self._of(SearchType.TEAM):
            return None
        team = await info.context.loaders.team_by_id.load(self.hit.source_id)
        return Team.from_model(team) if team else None

    @strawberry.field
    async def playground(self, info: Info) -> Playground | None:
        if not self._of(SearchType.PLAYGROUND):
            return None
        playground = await info.context.loaders.playground_by_id.load(self.hit.source_id)
        return Playground.from_model(playground) if playground else None

    @strawberry.field
    async def tournament(self, info: Info) -> Tournament | None:
        if not self._of(SearchType.TOURNAMENT):
            return None
        found = await info.context.loaders.tournament_by_id.load(self.hit.source_id)
        return Tournament.from_model(found) if found else None

    @strawberry.field
    async def league(self, info: Info) -> League | None:
        if not self._of(SearchType.LEAGUE):
            return None
        found = await info.context.loaders.league_by_id.load(self.hit.source_id)
        return League.from_model(found) if found else None

    @strawberry.field
    async def faq_item(self, info: Info) -> FaqItem | None:
        if not self._of(SearchType.FAQ):
            return None
        item = await info.context.loaders.faq_item_by_id.load(self.hit.source_id)
        return FaqItem.from_model(item) if item else None

    @strawberry.field
    async def rules_document(self, info: Info) -> RulesDocument | None:
        if not self._of(SearchType.RULES):
            return None
        document = await info.context.loaders.rules_document_by_id.load(self.hit.source_id)
        return RulesDocument.from_model(document) if document else None


@strawberry.input
class FaqItemInput:
    slug: str
    category: str
    question: str
    answer: str
    published: bool = True
    position: int = 0


@strawberry.input
class SaveFaqItemInput:
    id: strawberry.ID | None = strawberry.field(
        default=None, description="Изменить этот вопрос; без id — создать новый."
    )
    item: FaqItemInput


@strawberry.type
class SaveFaqItemPayload:
    faq_item: FaqItem


@strawberry.input
class DeleteFaqItemInput:
    id: strawberry.ID


@strawberry.type
class DeleteFaqItemPayload:
    deleted_id: strawberry.ID


@strawberry.input
class RulesDocumentInput:
    slug: str
    sport_code: str = strawberry.field(description="Код вида спорта из каталога.")
    title: str
    body: str
    published: bool = True


@strawberry.input
class SaveRulesDocumentInput:
    id: strawberry.ID | None = strawberry.field(
        default=None, description="Изменить этот документ; без id — создать новый."
    )
    document: RulesDocumentInput


@strawberry.type
class SaveRulesDocumentPayload:
    rules_document: RulesDocument


@strawberry.input
class DeleteRulesDocumentInput:
    id: strawberry.ID


@strawberry.type
class DeleteRulesDocumentPayload:
    deleted_id: strawberry.ID
