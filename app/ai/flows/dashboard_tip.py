"""Dashboard tip: one personal tip from the caller's teams and their results."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.teams import service as teams
from app.users import service as users


class DashboardTipRequest(BaseModel):
    focus: str | None = Field(default=None, max_length=200, description="О чём нужен совет.")


class DashboardTip(BaseModel):
    """Совет дня на главной."""

    tip: str = Field(max_length=400)


async def gather(call: FlowCall, request: DashboardTipRequest) -> Gathered:
    actor = call.principal()
    me = await users.get_user(call.session, actor, actor.user_id)
    my_teams = await teams.teams_of_member(call.session, actor)
    return Gathered(
        {
            "name": me.display_name if me else None,
            "teams": [
                {
                    "name": t.name,
                    "wins": t.wins,
                    "draws": t.draws,
                    "losses": t.losses,
                    "form": t.form,
                }
                for t in my_teams
            ],
            "focus": request.focus,
        }
    )


DASHBOARD_TIP = register(
    Flow(
        name="generateDashboardTip",
        description="Персональный совет дня для главной страницы.",
        input=DashboardTipRequest,
        output=DashboardTip,
        prompt=Prompt(
            "dashboard-tip@1",
            "Ты тренер-наставник игрока дворового спорта. Дай один короткий практичный совет на "
            "сегодня с учётом его команд и их результатов.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
    )
)
