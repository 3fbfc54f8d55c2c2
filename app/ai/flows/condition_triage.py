"""Condition-report triage: severity and a summary for moderators.

Runs on every ``playground.condition_reported`` in the ``ai`` worker (``app/ai/handlers.py``)
and on demand by moderators; either way the answer is stored on the report.
"""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.auth.roles import Role
from app.errors import NotFoundError
from app.playgrounds import conditions
from app.playgrounds import service as playgrounds
from app.playgrounds.values import Severity


class ReportRef(BaseModel):
    report_id: uuid.UUID = Field(description="Сообщение о состоянии площадки.")


class ConditionTriage(BaseModel):
    """Оценка сообщения о состоянии площадки."""

    severity: Severity
    summary: str = Field(max_length=300, description="Суть проблемы одной-двумя фразами.")
    suggested_action: str = Field(max_length=300, description="Что сделать модератору.")


async def gather(call: FlowCall, ref: ReportRef) -> Gathered:
    report = await conditions.report_for_triage(call.session, call.actor, ref.report_id)
    found = await playgrounds.playgrounds_by_id(call.session, [report.playground_id])
    playground = found.get(report.playground_id)
    if playground is None:
        raise NotFoundError()
    return Gathered(
        {
            "playground": playground.name,
            "category": report.category.value,
            "comment": report.comment,
        }
    )


async def apply(call: FlowCall, ref: ReportRef, triage: ConditionTriage) -> None:
    await conditions.record_triage(call.session, ref.report_id, triage.severity, triage.summary)


CONDITION_TRIAGE = register(
    Flow(
        name="triageConditionReport",
        description="Оценить срочность сообщения о состоянии площадки (модераторам).",
        input=ReportRef,
        output=ConditionTriage,
        prompt=Prompt(
            "condition-triage@1",
            "Ты помогаешь модераторам площадок. Оцени срочность проблемы: HIGH — опасно для "
            "людей (сломанные конструкции, торчащая арматура, нет освещения ночью), MEDIUM — "
            "мешает играть, LOW — неудобство. Дай суть проблемы и что сделать.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
        roles=(Role.MODERATOR, Role.ADMINISTRATOR),
        apply=apply,
    )
)
