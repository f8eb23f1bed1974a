"""Scales and texts the shipped presets share: the five-point likelihood and consequence
scales of WRAC (domain.md §2), band colours, names and required actions.

The words are in the gettext catalogues (contexts "matrix preset", "matrix level" and "risk
class"); a preset copied into a register keeps them in kk, ru and en as data (``Matrix`` holds
``LocalText``, which a company may edit), so ``t`` builds that text from the catalogues.
"""

from __future__ import annotations

from wrac_desktop.i18n import NC_, Deferred, LocalText, all_languages
from wrac_desktop.risk.matrix import Axis, Level


def t(text: Deferred) -> LocalText:
    """A marked text in the three languages, one catalogue lookup each."""
    return all_languages(text)


GREEN, YELLOW, ORANGE, RED, DARK_RED = "#4CAF50", "#FFEB3B", "#FF9800", "#F44336", "#8B0000"

LIKELIHOOD_NAME = t(NC_("matrix preset", "Likelihood"))
SEVERITY_NAME = t(NC_("matrix preset", "Consequence"))

LIKELIHOOD_5 = Axis(
    "likelihood",
    LIKELIHOOD_NAME,
    (
        Level(
            1,
            "1",
            t(NC_("matrix level", "Rare")),
            t(NC_("matrix preset", "Could happen only in exceptional circumstances")),
            t(NC_("matrix preset", "Not expected in 20 years")),
        ),
        Level(
            2,
            "2",
            t(NC_("matrix level", "Unlikely")),
            t(NC_("matrix preset", "Could happen at some time")),
            t(NC_("matrix preset", "Once in 10–20 years")),
        ),
        Level(
            3,
            "3",
            t(NC_("matrix level", "Possible")),
            t(NC_("matrix preset", "Has happened in the industry")),
            t(NC_("matrix preset", "Once in 5–10 years")),
        ),
        Level(
            4,
            "4",
            t(NC_("matrix level", "Likely")),
            t(NC_("matrix preset", "Will probably happen in most circumstances")),
            t(NC_("matrix preset", "Less than once a year")),
        ),
        Level(
            5,
            "5",
            t(NC_("matrix level", "Almost certain")),
            t(NC_("matrix preset", "Expected to happen")),
            t(NC_("matrix preset", "Once a year or more often")),
        ),
    ),
)

SEVERITY_5 = Axis(
    "severity",
    SEVERITY_NAME,
    (
        Level(
            1,
            "1",
            t(NC_("matrix level", "Insignificant")),
            t(NC_("matrix preset", "First aid")),
        ),
        Level(
            2,
            "2",
            t(NC_("matrix level", "Minor")),
            t(NC_("matrix preset", "Medical treatment")),
        ),
        Level(
            3,
            "3",
            t(NC_("matrix level", "Moderate")),
            t(NC_("matrix preset", "Lost-time injury")),
        ),
        Level(
            4,
            "4",
            t(NC_("matrix level", "High")),
            t(NC_("matrix preset", "Permanent disability or a single fatality")),
        ),
        Level(
            5,
            "5",
            t(NC_("matrix level", "Major")),
            t(NC_("matrix preset", "Multiple fatalities")),
        ),
    ),
)

ACCEPT = t(NC_("matrix preset", "Acceptable: manage by routine procedures"))
ALARP = t(
    NC_("matrix preset", "Tolerable: reduce as far as reasonably practicable; supervisor reviews")
)
NOT_TOLERABLE = t(
    NC_("matrix preset", "Not tolerable: additional controls before work; manager approves")
)
HIGH_ACTION = t(
    NC_(
        "matrix preset",
        "Not tolerable: do not start or go on until additional controls lower the risk; "
        "senior management approves",
    )
)
STOP = t(
    NC_("matrix preset", "Not tolerable: stop the work; immediate action by senior management")
)

LOW = t(NC_("risk class", "Low"))
MEDIUM = t(NC_("risk class", "Medium"))
SIGNIFICANT = t(NC_("risk class", "Significant"))
HIGH = t(NC_("risk class", "High"))
