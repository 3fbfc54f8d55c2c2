"""The Prometheus series of the service, and the small functions that record them.

Series live in prometheus_client's process-wide registry. Label values come from fixed sets
(flows, channels, outcomes, worker names) or are bounded (``operation_label``), so a client
cannot grow the number of series.

Gauges that describe shared state (outbox backlog, lags, dead letters, pool) are refreshed from
the database and the engine when scraped (``app.observability.endpoint``); with several
replicas, alert on their ``max``.
"""

from __future__ import annotations

import re

from prometheus_client import Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
AI_BUCKETS = (0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 90.0)

HTTP_REQUESTS = Histogram(
    "prodvor_http_request_duration_seconds",
    "HTTP requests by route, method and status.",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
WEBSOCKETS = Gauge("prodvor_websocket_connections", "Open WebSocket connections.")

GRAPHQL_OPERATIONS = Counter(
    "prodvor_graphql_operations_total",
    "GraphQL operations by name, type and outcome (ok, error, internal).",
    ["operation", "type", "outcome"],
)
GRAPHQL_DURATION = Histogram(
    "prodvor_graphql_operation_duration_seconds",
    "GraphQL operation latency (subscriptions excluded).",
    ["operation", "type"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_RESPONSE_CACHE = Counter(
    "prodvor_graphql_response_cache_total",
    "Lookups of cacheable queries in the response cache, by result (hit, miss).",
    ["result"],
)
SUBSCRIPTIONS = Gauge(
    "prodvor_graphql_subscriptions_active", "Running GraphQL subscriptions.", ["operation"]
)

DB_POOL = Gauge("prodvor_db_pool_connections", "Database pool connections by state.", ["state"])
DB_POOL_SIZE = Gauge(
    "prodvor_db_pool_capacity", "Connections the pool may open (size plus overflow)."
)

OUTBOX_BACKLOG = Gauge("prodvor_outbox_backlog", "Committed events not yet published.")
RELAY_LAG = Gauge(
    "prodvor_relay_lag_seconds", "Age of the oldest unpublished outbox event (0 when none)."
)
RELAY_PUBLISHED = Counter("prodvor_relay_published_events_total", "Events the relay published.")
RELAY_FAILURES = Counter(
    "prodvor_relay_publish_failures_total", "Relay batches whose publishing failed."
)
CONSUMER_LAG = Gauge(
    "prodvor_consumer_lag_events",
    "Published events a consumer group has not handled yet.",
    ["consumer"],
)
EVENTS_HANDLED = Counter(
    "prodvor_events_processed_total",
    "Deliveries handled by consumers, by outcome (handled, duplicate, ignored, dead_lettered).",
    ["consumer", "outcome"],
)
DEAD_LETTERS = Counter(
    "prodvor_dead_lettered_events_total", "Events consumers gave up on.", ["consumer"]
)
DEAD_LETTERS_PENDING = Gauge(
    "prodvor_dead_letters_pending", "Dead letters not replayed yet.", ["consumer"]
)

NOTIFICATION_DELIVERIES = Counter(
    "prodvor_notification_deliveries_total",
    "Notification delivery attempts by channel and outcome (sent, retry, failed, cancelled).",
    ["channel", "outcome"],
)

AI_CALLS = Counter(
    "prodvor_ai_calls_total", "Model calls by flow and outcome.", ["flow", "outcome"]
)
AI_TOKENS = Counter(
    "prodvor_ai_tokens_total",
    "Model tokens by flow and direction (in, out).",
    ["flow", "direction"],
)
AI_DURATION = Histogram(
    "prodvor_ai_call_duration_seconds", "Model call latency by flow.", ["flow"], buckets=AI_BUCKETS
)
AI_QUOTA_REJECTIONS = Counter(
    "prodvor_ai_quota_rejections_total",
    "AI calls refused before reaching the model (quota_exceeded, rate_limited).",
    ["reason"],
)

LEDGER_TRANSFERS = Counter(
    "prodvor_ledger_transfers_total", "PD ledger transfers by kind.", ["kind"]
)

_OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
MAX_OPERATION_LABELS = 500
_operations_seen: set[str] = set()


def operation_label(name: str | None) -> str:
    """A bounded label for a client-chosen operation name.

    Anonymous and malformed names collapse to one value each, and after ``MAX_OPERATION_LABELS``
    distinct names new ones count as ``other``.
    """
    if not name:
        return "anonymous"
    if not _OPERATION_NAME.fullmatch(name):
        return "invalid"
    if name not in _operations_seen:
        if len(_operations_seen) >= MAX_OPERATION_LABELS:
            return "other"
        _operations_seen.add(name)
    return name


def record_notification_delivery(channel: str, outcome: str) -> None:
    NOTIFICATION_DELIVERIES.labels(channel, outcome).inc()


def record_ai_call(
    flow: str, outcome: str, *, tokens_in: int, tokens_out: int, seconds: float
) -> None:
    AI_CALLS.labels(flow, outcome).inc()
    AI_TOKENS.labels(flow, "in").inc(tokens_in)
    AI_TOKENS.labels(flow, "out").inc(tokens_out)
    AI_DURATION.labels(flow).observe(seconds)


def record_ai_rejection(reason: str) -> None:
    AI_QUOTA_REJECTIONS.labels(reason).inc()


def record_ledger_transfer(kind: str) -> None:
    """Count one committed PD transfer.

    Call it where a transfer is known to be committed, e.g. in a worker handler of the
    ledger's "transfer posted" event: inside the operation's transaction a later rollback
    (or a mutation's savepoint) would leave the count too high. ``kind`` must come from the
    ledger's fixed set of transfer kinds (its enum's value), never from user input.
    """
    LEDGER_TRANSFERS.labels(kind).inc()


def record_event_outcome(consumer: str, outcome: str) -> None:
    EVENTS_HANDLED.labels(consumer, outcome).inc()
    if outcome == "dead_lettered":
        DEAD_LETTERS.labels(consumer).inc()
