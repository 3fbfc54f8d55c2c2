"""Onboarding assistant: a greeting and first steps, from the caller's own profile."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.errors import NotFoundError
from app.teams import service as teams
from app.users import service as users

APP_PATH = r"^/[a-z0-9/_-]*$"


class OnboardingRequest(BaseModel):
    goal: str | None = Field(default=None, max_length=300, description="Чего хочется на старте.")


class OnboardingIcon(StrEnum):
    USER = "USER"
    USERS = "USERS"
    GAMEPAD = "GAMEPAD"
    TROPHY = "TROPHY"
    PLUS_CIRCLE = "PLUS_CIRCLE"
    SEARCH = "SEARCH"


class OnboardingStep(BaseModel):
    """Один шаг для новичка."""

    icon: OnboardingIcon
    title: str = Field(max_length=80)
    description: str = Field(max_length=300)
    href: str = Field(pattern=APP_PATH, max_length=100, description="Путь в приложении.")


class OnboardingPlan(BaseModel):
    """Приветствие и первые шаги на платформе."""

    greeting: str = Field(max_length=300)
    main_suggestion: str = Field(max_length=300)
    steps: list[OnboardingStep] = Field(min_length=1, max_length=5)


async def gather(call: FlowCall, request: OnboardingRequest) -> Gathered:
    actor = call.principal()
    me = await users.get_user(call.session, actor, actor.user_id)
    if me is None:
        raise NotFoundError()
    my_teams = await teams.teams_of_member(call.session, actor)
    return Gathered(
        {
            "name": me.display_name,
            "roles": sorted(actor.roles),
            "city": me.city,
            "profile_complete": users.is_complete(me),
            "teams": [team.name for team in my_teams],
            "goal": request.goal,
            "pages": [
                "/profile",
                "/teams",
                "/teams/new",
                "/playgrounds",
                "/tournaments",
                "/matches/new",
                "/quests",
                "/search",
            ],
        }
    )


ONBOARDING = register(
    Flow(
        name="suggestOnboardingSteps",
        description="Приветствие и первые шаги для нового игрока.",
        input=OnboardingRequest,
        output=OnboardingPlan,
        prompt=Prompt(
            "onboarding@1",
            "Ты встречаешь нового игрока платформы дворового спорта ProDvor. Поприветствуй его по "
            "имени, дай главный совет и до пяти шагов; ссылки бери только из списка pages.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
    )
)
