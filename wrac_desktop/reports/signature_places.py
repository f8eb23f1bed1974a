"""Where on a PDF's pages each person signs: the approval block, each commission member's line.

A ``signature_spot.SignatureSpot`` is a blank box in a report's layout that notes the page and
position it was drawn at; once the document is laid out, its canvas makes each note an empty
signature field (``pdf_base.numbered_canvas``, ``reportlab_adapter.add_signature_field``) that a
signer's key later fills. The names and places stay here, without ReportLab: signing and
checking a PDF need them, and the window loads those services at start.
"""

from __future__ import annotations

from dataclasses import dataclass

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
