from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry

from app.challenges import models, outcome, service
from app.challenges.enums import ChallengeStatus
from app.challenges.inputs import (
    AcceptChallengeInput,
    CancelChallengeInput,
    CreateChallengeInput,
    DeclineChallengeInput,
    ReportChallengeOutcomeInput,
    ResolveChallengeDisputeInput,
)
from app.challenges.limits import CHALLENGES_PER_USER
from app.challenges.results import (
    CancellationAlreadyRequested,
    ChallengerCannotPay,
    OutcomeAlreadyReported,
    PersonalChallengePayload,
    WrongChallengeStatus,
)
from app.challenges.types import PersonalChallenge
from app.economy.types import InsufficientFunds
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated, staff_only
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.ratelimit.types import RateLimited

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]
Payload = PersonalChallengePayload

CreateChallengeResult = Annotated[
    Payload | ValidationFailed | RateLimited, strawberry.union("CreateChallengeResult")
]
AcceptChallengeResult = Annotated[
    Payload | NotFound | WrongChallengeStatus | InsufficientFunds | ChallengerCannotPay,
    strawberry.union("AcceptChallengeResult"),
]
DeclineChallengeResult = Annotated[
    Payload | NotFound | WrongChallengeStatus, strawberry.union("DeclineChallengeResult")
]
CancelChallengeResult = Annotated[
    Payload | NotFound | WrongChallengeStatus | CancellationAlreadyRequested,
    strawberry.union("CancelChallengeResult"),
]
ReportChallengeOutcomeResult = Annotated[
    Payload | NotFound | WrongChallengeStatus | OutcomeAlreadyReported,
    strawberry.union("ReportChallengeOutcomeResult"),
]
ResolveChallengeDisputeResult = Annotated[
    Payload | ValidationFailed | NotFound | WrongChallengeStatus,
    strawberry.union("ResolveChallengeDisputeResult"),
]


@strawberry.type
class PersonalChallengeQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Личный вызов по id: его видят только участники и модераторы.",
    )
    async def personal_challenge(self, info: Info, id: strawberry.ID) -> PersonalChallenge | None:
        challenge_id = parse_id(id)
        if challenge_id is None:
            return None
        found = await service.get_challenge(
            info.context.session, info.context.actor(), challenge_id
        )
        return PersonalChallenge.from_model(found) if found else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="Мои личные вызовы (отправленные и полученные), новые первыми.",
    )
    async def personal_challenges(
        self,
        info: Info,
        status: list[ChallengeStatus] | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[PersonalChallenge]:
        page = await service.my_challenges(
            info.context.session,
            info.context.actor(),
            statuses=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, PersonalChallenge.from_model)

    @strawberry.field(
        permission_classes=staff_only(),
        description="Спорные личные вызовы, ждущие решения модератора, старые первыми.",
    )
    async def personal_challenge_disputes(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[PersonalChallenge]:
        page = await service.disputed_challenges(
            info.context.session, info.context.actor(), page=PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, PersonalChallenge.from_model)


def _payload(challenge: models.PersonalChallenge) -> Payload:
    return Payload(challenge=PersonalChallenge.from_model(challenge))


@strawberry.type
class PersonalChallengeMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Вызвать игрока на дуэль.",
        rate_limits=[CHALLENGES_PER_USER],
    )
    async def create_challenge(
        self, info: Info, input: CreateChallengeInput
    ) -> CreateChallengeResult:
        c = info.context
        found = await service.create_challenge(c.session, c.actor(), input.to_fields(), now=c.now())
        return _payload(found)

    @mutation(
        permission_classes=authenticated(),
        description="Принять вызов (вызванный): ставки обеих сторон уходят на эскроу.",
    )
    async def accept_challenge(
        self, info: Info, input: AcceptChallengeInput
    ) -> AcceptChallengeResult:
        c = info.context
        found = await service.accept_challenge(
            c.session, c.actor(), require_id(input.challenge_id), now=c.now()
        )
        return _payload(found)

    @mutation(permission_classes=authenticated(), description="Отклонить вызов (вызванный).")
    async def decline_challenge(
        self, info: Info, input: DeclineChallengeInput
    ) -> DeclineChallengeResult:
        c = info.context
        found = await service.decline_challenge(
            c.session, c.actor(), require_id(input.challenge_id), now=c.now()
        )
        return _payload(found)

    @mutation(
        permission_classes=authenticated(),
        description="Отменить вызов до первого сообщённого итога. Непринятый вызов отменяет "
        "автор; принятый — только по согласию обеих сторон (первый вызов мутации предлагает "
        "отмену, второй, от другой стороны, отменяет) или модератор. Ставки возвращаются.",
    )
    async def cancel_challenge(
        self, info: Info, input: CancelChallengeInput
    ) -> CancelChallengeResult:
        c = info.context
        found = await service.cancel_challenge(
            c.session, c.actor(), require_id(input.challenge_id), now=c.now()
        )
        return _payload(found)

    @mutation(
        permission_classes=authenticated(),
        description="Сообщить итог вызова со своей стороны. Совпавшие итоги завершают вызов "
        "и выплачивают ставки, разные — открывают спор.",
    )
    async def report_challenge_outcome(
        self, info: Info, input: ReportChallengeOutcomeInput
    ) -> ReportChallengeOutcomeResult:
        c = info.context
        found = await outcome.report_outcome(
            c.session,
            c.actor(),
            require_id(input.challenge_id),
            input.result,
            now=c.now(),
            confirm_within=timedelta(hours=c.container.settings.matches.confirmation_hours),
        )
        return _payload(found)

    @mutation(permission_classes=authenticated(), description="Разрешить спор по вызову.")
    async def resolve_challenge_dispute(
        self, info: Info, input: ResolveChallengeDisputeInput
    ) -> ResolveChallengeDisputeResult:
        c = info.context
        found = await outcome.resolve_dispute(
            c.session,
            c.actor(),
            require_id(input.challenge_id),
            input.verdict,
            input.resolution,
            now=c.now(),
        )
        return _payload(found)
