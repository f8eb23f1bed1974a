"""The Fine–Kinney preset: R = P × E × C, widely used in Russia, Kazakhstan and Turkey.

Scales and classes as in docs/domain.md §2; labels follow Kinney and Wiruth (1976). Every level
carries a description and, on the exposure axis, a frequency anchor, because people read
"occasional" very differently.
"""

from __future__ import annotations

from wrac_desktop.i18n import NC_, Deferred
from wrac_desktop.risk.matrix import Axis, Band, KzThreshold, Level, Matrix
from wrac_desktop.risk.preset_texts import DARK_RED, GREEN, ORANGE, RED, STOP, YELLOW, t


def _level(
    value: float, label: Deferred, description: Deferred, anchor: Deferred | None = None
) -> Level:
    return Level(value, f"{value:g}", t(label), t(description), t(anchor) if anchor else {})


PROBABILITY = Axis(
    "likelihood",
    t(NC_("matrix preset", "Probability (P)")),
    (
        _level(
            0.1,
            NC_("matrix level", "Virtually impossible"),
            NC_("matrix preset", "Has never happened anywhere"),
        ),
        _level(
            0.2,
            NC_("matrix level", "Practically impossible"),
            NC_("matrix preset", "A practically impossible chain of events"),
        ),
        _level(
            0.5,
            NC_("matrix level", "Conceivable but very unlikely"),
            NC_("matrix preset", "Has not happened in many years of exposure"),
        ),
        _level(
            1,
            NC_("matrix level", "Only remotely possible"),
            NC_("matrix preset", "A remote coincidence; such cases are known"),
        ),
        _level(
            3,
            NC_("matrix level", "Unusual but possible"),
            NC_("matrix preset", "An unusual chain of events"),
        ),
        _level(
            6,
            NC_("matrix level", "Quite possible"),
            NC_("matrix preset", "Would not be unusual; about an even chance"),
        ),
        _level(
            10,
            NC_("matrix level", "Expected"),
            NC_("matrix preset", "The most likely outcome if the unwanted event occurs"),
        ),
    ),
)

EXPOSURE = Axis(
    "exposure",
    t(NC_("matrix preset", "Exposure (E)")),
    (
        _level(
            0.5,
            NC_("matrix level", "Very rare"),
            NC_("matrix preset", "Hardly ever exposed"),
            NC_("matrix preset", "Once a year or less"),
        ),
        _level(
            1,
            NC_("matrix level", "Rare"),
            NC_("matrix preset", "Exposed now and then"),
            NC_("matrix preset", "A few times a year"),
        ),
        _level(
            2,
            NC_("matrix level", "Unusual"),
            NC_("matrix preset", "Exposed from time to time"),
            NC_("matrix preset", "About once a month"),
        ),
        _level(
            3,
            NC_("matrix level", "Occasional"),
            NC_("matrix preset", "Exposed regularly"),
            NC_("matrix preset", "About once a week"),
        ),
        _level(
            6,
            NC_("matrix level", "Frequent"),
            NC_("matrix preset", "Exposed every working day"),
            NC_("matrix preset", "Daily, in working hours"),
        ),
        _level(
            10,
            NC_("matrix level", "Continuous"),
            NC_("matrix preset", "Exposed all the time"),
            NC_("matrix preset", "Many times a day"),
        ),
    ),
)

CONSEQUENCE = Axis(
    "severity",
    t(NC_("matrix preset", "Consequence (C)")),
    (
        _level(
            1,
            NC_("matrix level", "Noticeable"),
            NC_("matrix preset", "Minor injury: first aid"),
        ),
        _level(
            3,
            NC_("matrix level", "Important"),
            NC_("matrix preset", "Lost-time injury"),
        ),
        _level(
            7,
            NC_("matrix level", "Serious"),
            NC_("matrix preset", "Permanent injury or occupational disease"),
        ),
        _level(
            15,
            NC_("matrix level", "Very serious"),
            NC_("matrix preset", "A fatality"),
        ),
        _level(
            40,
            NC_("matrix level", "Disaster"),
            NC_("matrix preset", "Several fatalities"),
        ),
        _level(
            100,
            NC_("matrix level", "Catastrophe"),
            NC_("matrix preset", "Many fatalities"),
        ),
    ),
)

BANDS = (
    Band(
        "acceptable",
        t(NC_("risk class", "Acceptable risk")),
        0,
        GREEN,
        t(NC_("matrix preset", "No additional measures; keep the existing controls")),
        True,
    ),
    Band(
        "attention",
        t(NC_("risk class", "Possible risk: attention")),
        20,
        YELLOW,
        t(NC_("matrix preset", "Monitor; improve the controls where practicable")),
        True,
    ),
    Band(
        "correction",
        t(NC_("risk class", "Substantial risk: correction needed")),
        70,
        ORANGE,
        t(NC_("matrix preset", "Plan and carry out corrections within the year")),
        False,
    ),
    Band(
        "immediate",
        t(NC_("risk class", "High risk: immediate correction")),
        200,
        RED,
        t(NC_("matrix preset", "Correct at once; work only with additional controls")),
        False,
    ),
    Band(
        "stop",
        t(NC_("risk class", "Very high risk: stop the work")),
        400,
        DARK_RED,
        STOP,
        False,
    ),
)

FINE_KINNEY = Matrix(
    key="fine_kinney",
    name=t(NC_("matrix preset", "Fine–Kinney R = P × E × C")),
    description=t(NC_("matrix preset", "Three factors: probability, exposure and consequence.")),
    axes=(PROBABILITY, CONSEQUENCE, EXPOSURE),  # the engine's order: likelihood, severity, exposure
    formula="product",
    bands=BANDS,
    # one national degree per class: I acceptable … V very high
    kz_mapping=tuple(KzThreshold(band.lower, degree) for degree, band in enumerate(BANDS, 1)),
    priority_severity=40,  # several fatalities or more
)
