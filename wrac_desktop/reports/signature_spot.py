"""The blank box in a report's layout where a person signs (``signature_places`` names them)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from wrac_desktop.reports.signature_places import SignaturePlace


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
