"""Changes to the FAQ and the rules library: the indexer re-reads the item on each."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.search"


class FaqItemSaved(Event):
    type = "search.faq_item_saved"
    topic = TOPIC
    faq_item_id: uuid.UUID
    created: bool

    @property
    def key(self) -> str:
        return str(self.faq_item_id)


class FaqItemDeleted(Event):
    type = "search.faq_item_deleted"
    topic = TOPIC
    faq_item_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.faq_item_id)


class RulesDocumentSaved(Event):
    type = "search.rules_document_saved"
    topic = TOPIC
    rules_document_id: uuid.UUID
    created: bool

    @property
    def key(self) -> str:
        return str(self.rules_document_id)


class RulesDocumentDeleted(Event):
    type = "search.rules_document_deleted"
    topic = TOPIC
    rules_document_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.rules_document_id)
