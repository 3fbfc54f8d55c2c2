from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id, to_id
from app.graphql.permissions import authenticated, staff_only
from app.graphql.ratelimit import Throttle
from app.search import library, service
from app.search.handlers import embedder_of
from app.search.limits import SEARCH_PER_IP, SEARCH_PER_USER
from app.search.types import (
    DeleteFaqItemInput,
    DeleteFaqItemPayload,
    DeleteRulesDocumentInput,
    DeleteRulesDocumentPayload,
    FaqItem,
    RulesDocument,
    SaveFaqItemInput,
    SaveFaqItemPayload,
    SaveRulesDocumentInput,
    SaveRulesDocumentPayload,
    SearchHit,
    SearchType,
)

MAX_HITS = 50

SaveFaqItemResult = Annotated[
    SaveFaqItemPayload | ValidationFailed | NotFound, strawberry.union("SaveFaqItemResult")
]
DeleteFaqItemResult = Annotated[
    DeleteFaqItemPayload | NotFound, strawberry.union("DeleteFaqItemResult")
]
SaveRulesDocumentResult = Annotated[
    SaveRulesDocumentPayload | ValidationFailed | NotFound,
    strawberry.union("SaveRulesDocumentResult"),
]
DeleteRulesDocumentResult = Annotated[
    DeleteRulesDocumentPayload | NotFound, strawberry.union("DeleteRulesDocumentResult")
]


@strawberry.type
class SearchQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        extensions=[Throttle(SEARCH_PER_USER, SEARCH_PER_IP)],
        description=(
            "Умный поиск по игрокам, командам, площадкам, справке и правилам: полнотекстовый, "
            "с опечатками и по смыслу; лучшие совпадения первыми (не более 50)."
        ),
    )
    async def search(
        self,
        info: Info,
        query: str,
        types: list[SearchType] | None = None,
        sport: strawberry.ID | None = None,
        city: str | None = None,
        first: int = 20,
    ) -> list[SearchHit]:
        context = info.context
        hits = await service.search(
            context.session,
            context.actor(),
            query,
            types=[t.value for t in types] if types else None,
            sport_id=parse_id(sport) if sport else None,
            city=city,
            first=max(1, min(first, MAX_HITS)),
            settings=context.container.settings.search,
            embedder=embedder_of(context.container),
        )
        return [SearchHit.from_hit(hit) for hit in hits]

    @strawberry.field(permission_classes=authenticated(), description="Вопросы справки.")
    async def faq_items(self, info: Info) -> list[FaqItem]:
        items = await library.list_faq(info.context.session, info.context.actor())
        return [FaqItem.from_model(item) for item in items]

    @strawberry.field(permission_classes=authenticated(), description="Библиотека правил.")
    async def rules_documents(self, info: Info) -> list[RulesDocument]:
        documents = await library.list_rules(info.context.session, info.context.actor())
        return [RulesDocument.from_model(document) for document in documents]


@strawberry.type
class SearchMutation:
    @mutation(permission_classes=staff_only(), description="Создать или изменить вопрос справки.")
    async def save_faq_item(self, info: Info, input: SaveFaqItemInput) -> SaveFaqItemResult:
        context, fields = info.context, input.item
        item = await library.save_faq_item(
            context.session,
            context.actor(),
            require_id(input.id) if input.id else None,
            library.FaqFields(
                fields.slug,
                fields.category,
                fields.question,
                fields.answer,
                fields.published,
                fields.position,
            ),
            now=context.now(),
        )
        return SaveFaqItemPayload(faq_item=FaqItem.from_model(item))

    @mutation(permission_classes=staff_only(), description="Удалить вопрос справки.")
    async def delete_faq_item(self, info: Info, input: DeleteFaqItemInput) -> DeleteFaqItemResult:
        context = info.context
        deleted = await library.delete_faq_item(
            context.session, context.actor(), require_id(input.id)
        )
        return DeleteFaqItemPayload(deleted_id=to_id(deleted))

    @mutation(permission_classes=staff_only(), description="Создать или изменить правила.")
    async def save_rules_document(
        self, info: Info, input: SaveRulesDocumentInput
    ) -> SaveRulesDocumentResult:
        context, fields = info.context, input.document
        document = await library.save_rules_document(
            context.session,
            context.actor(),
            require_id(input.id) if input.id else None,
            library.RulesFields(
                fields.slug, fields.sport_code, fields.title, fields.body, fields.published
            ),
            now=context.now(),
        )
        return SaveRulesDocumentPayload(rules_document=RulesDocument.from_model(document))

    @mutation(permission_classes=staff_only(), description="Удалить документ правил.")
    async def delete_rules_document(
        self, info: Info, input: DeleteRulesDocumentInput
    ) -> DeleteRulesDocumentResult:
        context = info.context
        deleted = await library.delete_rules_document(
            context.session, context.actor(), require_id(input.id)
        )
        return DeleteRulesDocumentPayload(deleted_id=to_id(deleted))
