"""Span attribute names, as constants so every span spells them the same way."""

from __future__ import annotations

GRAPHQL_OPERATION_NAME = "graphql.operation.name"
GRAPHQL_OPERATION_TYPE = "graphql.operation.type"
GRAPHQL_OUTCOME = "graphql.outcome"
ENDUSER_ID = "enduser.id"
REQUEST_ID = "prodvor.request_id"

MESSAGING_SYSTEM = "messaging.system"
MESSAGING_OPERATION = "messaging.operation.type"
MESSAGING_DESTINATION = "messaging.destination.name"
MESSAGING_MESSAGE_ID = "messaging.message.id"
MESSAGING_CONSUMER_GROUP = "messaging.consumer.group.name"
MESSAGING_KAFKA_KEY = "messaging.kafka.message.key"
MESSAGING_KAFKA_PARTITION = "messaging.kafka.destination.partition"
MESSAGING_KAFKA_OFFSET = "messaging.kafka.message.offset"
EVENT_TYPE = "prodvor.event.type"
EVENT_OUTCOME = "prodvor.event.outcome"

AI_FLOW = "gen_ai.flow"
AI_MODEL = "gen_ai.request.model"
AI_PROMPT_VERSION = "gen_ai.prompt.version"
AI_TOKENS_IN = "gen_ai.usage.input_tokens"
AI_TOKENS_OUT = "gen_ai.usage.output_tokens"
AI_OUTCOME = "gen_ai.outcome"
