"""What the start screen says of a recent register: its organisation, revision and status,
read from the file without keeping it open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wrac_desktop.errors import WracError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.record_queries import current_assessment, the_organisation
from wrac_desktop.register import open_register
from wrac_desktop.vocabulary import AssessmentStatus


@dataclass(frozen=True)
class RegisterCard:
    location: str
    organisation: str = ""
    revision: int | None = None
    status: str = ""  # the current revision's status, in the current language
    problem: str = ""  # why nothing more is known (gone, unreadable, on a server)

    def line(self) -> str:
        """One line under the location: "ТОО …, revision 2, approved" or the problem."""
        if self.problem:
            return self.problem
        parts = [self.organisation or _("(no organisation)")]
        if self.revision is not None:
            parts.append(_("revision {n}").format(n=self.revision))
        if self.status:
            parts.append(self.status)
        return ", ".join(parts)


def register_card(location: str) -> RegisterCard:
    """Never raises: a recent register may since have gone, or be on a server (not dialled
    just to draw the start screen)."""
    if "://" in location:
        return RegisterCard(location, problem=_("on a server"))
    path = Path(location)
    if not path.is_file():
        return RegisterCard(location, problem=_("not found"))
    try:
        with open_register(path, read_only=True) as register, register.uow.reading() as session:
            organisation = the_organisation(session)
            assessment = current_assessment(session)
            return RegisterCard(
                location,
                organisation.legal_name if organisation else "",
                assessment.revision if assessment else None,
                AssessmentStatus(assessment.status).label() if assessment else "",
            )
    except (WracError, OSError, ValueError):
        return RegisterCard(location, problem=_("cannot be read"))
