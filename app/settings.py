"""All configuration, read from the environment in one place.

Each group is its own ``BaseSettings`` with an ``env_prefix`` so that the variables keep the
conventional names operators expect (``DATABASE_URL``, ``AUTH_ISSUER``...). ``APP_ENV`` picks
an optional ``.env.<env>`` file.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class AppEnv(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


def _env_file() -> tuple[str, ...]:
    return (f".env.{os.environ.get('APP_ENV', AppEnv.PROD.value)}",)


class _Group(BaseSettings):
    model_config = SettingsConfigDict(env_file=_env_file(), extra="ignore")


class DatabaseSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="DATABASE_")

    url: str | None = None
    pool_size: int = 20
    """One API worker runs up to 16 operations at once, each holding a connection until it
    commits; below that, overflow connections were opened and closed on every request."""
    max_overflow: int = 10
    pool_timeout_s: float = 10.0
    statement_timeout_ms: int = 5_000
    echo: bool = False


class AuthSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="AUTH_")

    issuer: str | None = None
    """OIDC issuer URL (Keycloak realm). Unset in dev means the built-in dev issuer."""
    audience: str = "prodvor-bff"
    client_id: str = "prodvor-bff"
    algorithms: list[str] = Field(default_factory=lambda: ["RS256", "ES256"])
    leeway_s: int = 30
    principal_cache_s: float = 10.0
    """How long a replica may reuse a validated token's principal (0: never). Bans reach
    every replica through the hub sooner; this bounds a replica that missed the event."""
    jwks_min_refresh_interval_s: float = 60.0
    http_timeout_s: float = 5.0
    dev_issuer: bool = False
    """Serve the built-in dev issuer. Only allowed when APP_ENV is dev or test."""
    public_url: str = "http://localhost:8000"


class SessionSettings(_Group):
    """Browser login through the BFF (OIDC authorization code + PKCE, server-side sessions).

    Enabled when both ``encryption_key`` and ``client_secret`` are set. The browser only ever
    holds an opaque session cookie; tokens stay in PostgreSQL, encrypted with a key derived
    from ``encryption_key``.
    """

    model_config = SettingsConfigDict(env_prefix="SESSION_")

    encryption_key: SecretStr = SecretStr("")
    """32 random bytes, base64url: ``python -c "import secrets; print(secrets.token_urlsafe(32))"``.

    Changing it signs every browser out: stored tokens no longer decrypt."""
    client_id: str = "prodvor-web"
    """The BFF's confidential client at the issuer; must differ from ``AUTH_AUDIENCE``."""
    client_secret: SecretStr = SecretStr("")
    scope: str = "openid profile email"
    cookie_name: str = "__Host-prodvor_session"
    idle_timeout_s: int = 30 * 60
    absolute_lifetime_s: int = 10 * 3600
    refresh_margin_s: int = 60
    """Refresh the access token when it expires within this many seconds."""
    max_per_user: int = 20
    """Starting one more session ends the user's least recently used one."""
    frontend_origin: str = "http://localhost:3000"
    """The only Origin accepted on cookie-authenticated POSTs and WebSockets; relative
    ``returnTo`` paths and the post-logout redirect go there."""
    return_to_origins: list[str] = Field(default_factory=list)
    """Further origins an absolute ``returnTo`` may point at (the frontend's is always allowed)."""

    @property
    def enabled(self) -> bool:
        secrets = (self.encryption_key, self.client_secret)
        return all(secret.get_secret_value() for secret in secrets)


class UserSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="USERS_")

    nickname_cooldown_days: int = 30


class KafkaSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="KAFKA_")

    bootstrap_servers: str | None = None
    """Unset: the in-process "local" transport (the embedded default)."""
    client_id: str = "prodvor-bff"
    topic_partitions: int = 4
    replication_factor: int = 1
    request_timeout_ms: int = 10_000
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    fetch_max_wait_ms: int = 100
    """How long the broker may hold an empty fetch: bounds real-time delivery latency."""
    dead_letter_prefix: str = "prodvor.dlq."


class EventsSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="EVENTS_")

    relay_in_api: bool = True
    """Run the outbox relay inside ``prodvor serve`` (one process); else run ``prodvor relay``."""
    workers_in_api: bool | None = None
    """Run every worker inside ``serve``; default: yes on the local transport, no with Kafka."""
    relay_batch_size: int = 500
    poll_interval_s: float = 1.0
    outbox_retention_hours: float = 72.0
    prune_interval_s: float = 300.0
    consumer_batch_size: int = 100
    consumer_max_attempts: int = 5
    consumer_backoff_s: float = 0.5
    consumer_backoff_max_s: float = 30.0
    hub_queue_size: int = 256


class TeamSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="TEAMS_")

    max_captained_teams: int = 10
    """Active teams one user may captain: teams are free to create and rewarded, so capped."""
    max_home_playgrounds: int = 3


class PlaygroundSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="PLAYGROUNDS_")

    time_zone: str = "Europe/Moscow"
    """Check-ins are limited to one per user and playground per calendar day of this zone."""
    check_in_max_distance_m: float = 500.0
    """A check-in that sends the user's position is refused farther than this from the place."""
    near_max_radius_km: float = 50.0

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)
        return value


class MatchSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="MATCHES_")

    confirmation_hours: float = 48.0
    """A reported result the other side leaves unanswered is confirmed after this long."""
    duration_minutes: int = 120
    """How long a match occupies its teams: no other match of theirs may start closer."""
    early_start_minutes: int = 60
    """How long before its scheduled time a match may be started."""
    max_days_ahead: int = 180
    """How far ahead a friendly match may be proposed."""
    technical_win_score: int = 3
    """A technical result is recorded as this score to nil for the winner."""
    auto_confirm_interval_s: float = 60.0
    auto_confirm_batch: int = 100
    reminder_hours: float = 2.0
    """Both teams are reminded of a scheduled match this long before it starts."""
    reminder_interval_s: float = 60.0
    reminder_batch: int = 100


class ChatSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="CHAT_")

    close_after_hours: float = 24.0
    """A match's or tournament's chat becomes read-only this long after it is over."""
    close_interval_s: float = 60.0
    close_batch: int = 100


class MailSettings(_Group):
    """Outgoing email. Without ``MAIL_SMTP_HOST`` messages are written as ``.eml`` files."""

    model_config = SettingsConfigDict(env_prefix="MAIL_")

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    """Upgrade the connection with STARTTLS (port 587); required when offered is not enough."""
    smtp_tls: bool = False
    """Implicit TLS from the first byte (port 465); excludes ``smtp_starttls``."""
    smtp_ca_file: Path | None = None
    """CA bundle that signs the SMTP server's certificate, if not a public CA."""
    smtp_timeout_s: float = 15.0
    from_address: str = "ProDvor <noreply@localhost>"
    outbox_dir: Path | None = None
    """Where ``.eml`` files go without an SMTP host; default ``<DATA_DIR>/mail``."""


class PushSettings(_Group):
    """Web Push with VAPID. Off unless ``PUSH_VAPID_PRIVATE_KEY`` is set."""

    model_config = SettingsConfigDict(env_prefix="PUSH_")

    vapid_private_key: SecretStr = SecretStr("")
    """The P-256 private key, base64url (``prodvor vapid-keys`` makes a pair)."""
    vapid_subject: str = "mailto:admin@localhost"
    """Who push services can contact about our traffic (``mailto:`` or ``https:``)."""
    ttl_s: int = 24 * 3600
    """How long a push service keeps a message for a browser that is offline."""
    timeout_s: float = 10.0
    allowed_endpoint_hosts: list[str] = Field(
        default_factory=lambda: [
            "fcm.googleapis.com",
            "updates.push.services.mozilla.com",
            "web.push.apple.com",
            ".notify.windows.com",
        ]
    )
    """Push services we POST to; a leading dot admits subdomains. Other endpoints are refused,
    so a subscription cannot point our workers at an internal address."""
    require_https: bool = True

    @property
    def enabled(self) -> bool:
        return bool(self.vapid_private_key.get_secret_value())


class NotificationSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_")

    frontend_url: str = "http://localhost:3000"
    """Links in emails point at notification targets on this site."""
    unsubscribe_key: SecretStr = SecretStr("")
    """Signs one-click unsubscribe links (32 random bytes, base64url). Required outside dev and
    test; there a key is kept under ``DATA_DIR``. Changing it breaks links already sent."""
    delivery_poll_s: float = 1.0
    delivery_batch_size: int = 20
    delivery_concurrency: int = 5
    """Deliveries of one batch sent at the same time."""
    delivery_max_attempts: int = 10
    delivery_backoff_s: float = 30.0
    delivery_backoff_max_s: float = 3600.0
    delivery_lease_s: float = 300.0
    """A delivery taken by a worker that died is retried after this long."""
    max_push_subscriptions: int = 10
    """Per user; registering one more forgets the oldest."""


class AiSettings(_Group):
    """Gemini through google-genai. Without ``GOOGLE_API_KEY`` every flow answers AiUnavailable."""

    model_config = SettingsConfigDict(env_prefix="AI_", populate_by_name=True)

    api_key: SecretStr = Field(
        default=SecretStr(""), validation_alias=AliasChoices("GOOGLE_API_KEY", "AI_API_KEY")
    )
    """Stays on the server: sent only in the ``x-goog-api-key`` header, never logged."""
    base_url: str | None = None
    """Another endpoint of the Gemini REST API (a proxy; tests point it at a loopback fake)."""
    text_model: str = "gemini-2.5-flash"
    image_model: str = "gemini-2.5-flash-image"
    speech_model: str = "gemini-2.5-flash-preview-tts"
    speech_voice: str = "Algenib"
    embedding_model: str = "gemini-embedding-001"
    timeout_s: float = 30.0
    """One HTTP attempt; a whole call (retries and the repair included) gets ``deadline_s``."""
    deadline_s: float = 90.0
    retry_attempts: int = 3
    """Attempts on 408, 429 and 5xx answers, the first included, with exponential backoff."""
    retry_initial_delay_s: float = 1.0
    retry_max_delay_s: float = 20.0
    max_tool_rounds: int = 3
    """Rounds of tool calls the model may make before it must answer."""
    cache_ttl_s: int = 6 * 3600
    """How long answers of cacheable flows are reused for identical requests."""
    block_threshold: str = "BLOCK_MEDIUM_AND_ABOVE"
    """Safety settings' threshold for every harm category."""

    @property
    def enabled(self) -> bool:
        return bool(self.api_key.get_secret_value())


class MediaSettings(_Group):
    """Where generated images and audio go: local files (default) or an S3-compatible bucket."""

    model_config = SettingsConfigDict(env_prefix="MEDIA_")

    store: str = "local"
    """``local`` (files under ``dir``, served by ``/media/...``) or ``s3``."""
    dir: Path | None = None
    """Local files; default ``<DATA_DIR>/media``."""
    public_url: str | None = None
    """Base URL of stored objects (a CDN or a public bucket); default: ``<AUTH_PUBLIC_URL>/media``
    for local files and presigned URLs for S3."""
    url_ttl_s: int = 7 * 24 * 3600
    """Lifetime of presigned S3 URLs."""
    s3_bucket: str = "prodvor-media"
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr = SecretStr("")


class EconomySettings(_Group):
    model_config = SettingsConfigDict(env_prefix="ECONOMY_")

    timezone: str = "Europe/Moscow"
    """Where a day and a week begin for daily caps and daily/weekly quests (IANA name)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class SearchSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="SEARCH_")

    embedder: Literal["none", "gemini", "local"] = "none"
    """``gemini`` needs the AI key; ``local`` needs the ``local-embed`` extra. With ``none``
    search runs on its lexical legs (full text and trigrams) alone."""
    rrf_k: int = 60
    """Reciprocal rank fusion: a document's score is the sum of ``1 / (rrf_k + rank)``."""
    vector_weight: float = 1.0
    """The vector leg's weight in the fusion (the lexical legs weigh 1). Lower it for an
    embedder that is weak on Russian, like the local MiniLM (see docs/search.md)."""
    leg_limit: int = 50
    """Candidates each leg contributes to the fusion."""
    trigram_threshold: float = 0.3
    """``pg_trgm.word_similarity_threshold`` for the typo leg."""
    ef_search: int = 100
    min_relevance: float = 0.5
    """What the FAQ bot and the rules expert need to answer: a retrieved chunk whose query-term
    coverage, title similarity or cosine similarity reaches this; otherwise they decline."""
    answer_chunks: int = 5
    """Chunks handed to the model as the sources of an answer."""


class GraphQLSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="GRAPHQL_")

    graphiql: bool | None = None
    """Defaults to on in dev and off elsewhere."""
    parser_cache_size: int = 1_024
    validation_cache_size: int = 1_024
    ws_connection_init_timeout_s: float = 3.0
    ws_keepalive_interval_s: float = 15.0
    """The server pings every interval and closes a socket whose last ping went unanswered."""
    ws_max_operations: int = 20
    """In-flight operations (subscriptions included) per WebSocket connection."""

    introspection: bool | None = None
    """Defaults to on in dev and off elsewhere; field suggestions are hidden while it is off."""
    admin_introspection: bool = False
    """Let ADMINISTRATOR callers introspect even when introspection is off."""
    max_query_chars: int = 15_000
    max_tokens: int = 1_000
    max_depth: int = 8
    max_aliases: int = 15
    max_directives: int = 50
    max_field_repeats: int = 10
    """How often one field (response key) may occur in one selection set."""
    max_cost: int = 5_000
    max_list_items: int = 1_000
    """Objects a response may carry in lists, estimated from page sizes before execution."""
    operation_timeout_s: float = 10.0
    response_cache_s: float = 5.0
    """How long a replica answers public queries from memory (see ``cache_policy``); 0 is off."""
    response_cache_mb: int = 64

    persisted_operations_manifest: Path | None = None
    """A JSON manifest of persisted operations loaded at start-up, besides the database table."""
    safelist_only: bool = False
    """Reject documents that are not persisted operations, except from staff."""
    get_requires_persisted_id: bool = True
    """GET requests must name a persisted operation instead of sending a document."""


class HttpSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="HTTP_")

    allowed_origins: list[str] = Field(default_factory=list)
    """Browser origins allowed by CORS and for WebSocket handshakes; same-origin always is."""
    max_body_bytes: int = 2_000_000


class RateLimitSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="RATE_LIMIT_")

    enabled: bool = True
    overrides: dict[str, int] = Field(default_factory=dict)
    """``{"users.search:user": 120}``: a policy's limit per its period, by ``name:scope``."""


class TelemetrySettings(_Group):
    """OpenTelemetry tracing: off unless ``TELEMETRY_ENABLED``; spans go to an OTLP collector."""

    model_config = SettingsConfigDict(env_prefix="TELEMETRY_")

    enabled: bool = False
    otlp_endpoint: str = "http://localhost:4318/v1/traces"
    """OTLP over HTTP (protobuf), the collector's traces URL."""
    service_name: str = "prodvor-bff"
    sample_ratio: float = 1.0
    """Share of new traces recorded (parent-based: a sampled caller's trace is always kept)."""


class MetricsSettings(_Group):
    """Prometheus metrics, served on a port of their own that no ingress routes to."""

    model_config = SettingsConfigDict(env_prefix="METRICS_")

    port: int | None = None
    """Serve ``/metrics`` on this port in every process role; unset: no metrics listener."""
    host: str = "127.0.0.1"
    token: SecretStr = SecretStr("")
    """When set, scrapes must send ``Authorization: Bearer <token>``."""


class Settings(_Group):
    app_env: AppEnv = AppEnv.PROD
    data_dir: Path = Path(".data")
    log_level: str = "INFO"
    log_json: bool = True
    secret_key: SecretStr = SecretStr("")

    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)
    users: UserSettings = Field(default_factory=UserSettings)
    teams: TeamSettings = Field(default_factory=TeamSettings)
    economy: EconomySettings = Field(default_factory=EconomySettings)
    playgrounds: PlaygroundSettings = Field(default_factory=PlaygroundSettings)
    matches: MatchSettings = Field(default_factory=MatchSettings)
    chat: ChatSettings = Field(default_factory=ChatSettings)
    graphql: GraphQLSettings = Field(default_factory=GraphQLSettings)
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    events: EventsSettings = Field(default_factory=EventsSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    rate_limit: RateLimitSettings = Field(default_factory=RateLimitSettings)
    mail: MailSettings = Field(default_factory=MailSettings)
    push: PushSettings = Field(default_factory=PushSettings)
    notifications: NotificationSettings = Field(default_factory=NotificationSettings)
    ai: AiSettings = Field(default_factory=AiSettings)
    media: MediaSettings = Field(default_factory=MediaSettings)
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)

    @property
    def is_dev(self) -> bool:
        return self.app_env is AppEnv.DEV

    @property
    def dev_issuer_enabled(self) -> bool:
        return self.auth.dev_issuer or (self.is_dev and self.auth.issuer is None)

    @property
    def graphiql_enabled(self) -> bool:
        if self.graphql.graphiql is not None:
            return self.graphql.graphiql
        return self.is_dev

    @property
    def introspection_enabled(self) -> bool:
        if self.graphql.introspection is not None:
            return self.graphql.introspection
        return self.is_dev


@lru_cache
def get_settings() -> Settings:
    return Settings()
