"""What ``wrac check`` lists as worth a look without calling it a problem (exit code stays 0).

A due date that names no exact deadline ("начало 2026 года", "31.02.2026") is kept as written
with no deadline, so the plan cannot tell when the measure is overdue: the officer should
write it as a date.
"""

from __future__ import annotations

from wrac_desktop.domain.due_dates import is_unreadable_due
from wrac_desktop.i18n import _
from wrac_desktop.persistence.plan_queries import undated_due_texts
from wrac_desktop.register import Register


def check_warnings(register: Register) -> list[str]:
    """Readable lines naming each measure whose due date could not be read as a deadline."""
    with register.uow.reading() as session:
        rows = undated_due_texts(session)
    return [
        _(
            "measure “{measure}” ({uuid}) at “{workplace}”: due date “{due}” names no exact "
            "deadline; it is kept as written and the measure is never shown as overdue"
        ).format(
            measure=row.description[:60],
            uuid=row.uuid,
            workplace=row.workplace,
            due=row.due_text[:100],
        )
        for row in rows
        if is_unreadable_due(row.due_text)
    ]
