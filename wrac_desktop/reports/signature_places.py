"""Where on a PDF's pages each person signs: the approval block, each commission member's line.

A ``SignatureSpot`` is a blank box in a report's layout that notes the page and position it was
drawn at; once the document is laid out, its canvas makes each note an empty signature field
(``pdf_base.numbered_canvas``, ``reportlab_adapter.add_signature_field``) that a signer's key
later fills.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

APPROVER_FIELD = "WRAC-Approver"


def member_field(number: int) -> str:
    """The field of the commission's ``number``-th member (1-based), as printed."""
    return f"WRAC-Member-{number}"


@dataclass(frozen=True)
class SignaturePlace:
    """A signature field: its name, page (0-based), box in points (x1, y1, x2, y2) and whose."""

    field: str
    page: int
    box: tuple[float, float, float, float]
    person: str

    def int_box(self) -> tuple[int, int, int, int]:
        x1, y1, x2, y2 = self.box
        return round(x1), round(y1), round(x2), round(y2)


class SignatureSpot(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A blank box of ``width`` × ``height`` where ``person`` signs; appends its place to
    ``places`` when drawn."""

    def __init__(
        self,
        field: str,
        person: str,
        width: float,
        height: float,
        places: list[SignaturePlace],
        align: str = "LEFT",
    ) -> None:
        super().__init__()
        self.field, self.person, self.places = field, person, places
        self.width, self.height = width, height
        self.hAlign = align  # ReportLab's name: where in the frame the box sits

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        box = (x, y, x + self.width, y + self.height)
        self.places[:] = [p for p in self.places if p.field != self.field]  # drawn again: moved
        self.places.append(SignaturePlace(self.field, page, box, self.person))
