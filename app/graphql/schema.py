"""The schema: every domain's root types merged, with the shared extensions."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from app.graphql.errors import exception_handlers
from app.graphql.extensions import ErrorPolicy, OperationScope
from app.sessions.schema import SessionMutation, SessionQuery
from app.settings import GraphQLSettings
from app.sports.schema import SportQuery
from app.teams.mutations.applications import TeamApplicationMutation
from app.teams.mutations.invitations import TeamInvitationMutation
from app.teams.mutations.roster import RosterMutation
from app.teams.mutations.teams import TeamMutation
from app.teams.schema import TeamQuery
from app.users.schema import UserMutation, UserQuery

Query = merge_types("Query", (UserQuery, SessionQuery, SportQuery, TeamQuery))
Mutation = merge_types(
    "Mutation",
    (
        UserMutation,
        SessionMutation,
        TeamMutation,
        RosterMutation,
        TeamApplicationMutation,
        TeamInvitationMutation,
    ),
)


def create_schema(settings: GraphQLSettings | None = None) -> strawberry.Schema:
    settings = settings or GraphQLSettings()
    parser_cache_size = settings.parser_cache_size
    validation_cache_size = settings.validation_cache_size
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            OperationScope,
            ErrorPolicy,
            lambda: ParserCache(maxsize=parser_cache_size),
            lambda: ValidationCache(maxsize=validation_cache_size),
        ],
        config=StrawberryConfig(auto_camel_case=True),
        exception_handlers=exception_handlers(),
    )
