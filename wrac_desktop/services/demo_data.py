"""What the demo register is made of: an East-Kazakhstan mining and metallurgy enterprise.

Names are fictional; every text is marked here and translated in the gettext catalogues
(context "demo"); the demo register is written in one language (``demo.text``). Each site
names the hazard-library industries its workplaces draw hazards from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wrac_desktop.i18n import NC_, Deferred


@dataclass(frozen=True)
class Job:
    name: Deferred
    headcount: int
    shift: Deferred


@dataclass(frozen=True)
class Division:
    name: Deferred
    jobs: tuple[Job, ...]


@dataclass(frozen=True)
class Site:
    name: Deferred
    industries: tuple[str, ...]
    divisions: tuple[Division, ...]


SHIFT_4X3 = NC_("demo", "4 crews, 12-hour shifts")
SHIFT_DAY = NC_("demo", "Day shift, 5/2")
SHIFT_3X8 = NC_("demo", "3 shifts of 8 hours")

BIN_STEM = "050940012345"
OKED = "07290"  # mining of other non-ferrous metal ores
KATO = "631010000"  # Ust-Kamenogorsk
COMMISSION_ORDER = "45-П"  # the employer's order that set up the commission
COMMISSION_ORDER_ON = date(2026, 2, 10)
ORGANISATION: dict[str, Deferred] = {
    "legal_name": NC_("demo", "Shygys Ken-Metall LLP"),
    "region": NC_("demo", "East Kazakhstan Region"),
    "address": NC_("demo", "1 Promyshlennaya St, Ust-Kamenogorsk"),
    "industry": NC_("demo", "Mining and metallurgy"),
}

SITES: tuple[Site, ...] = (
    Site(
        NC_("demo", "Glubokiy underground mine"),
        ("underground", "general"),
        (
            Division(
                NC_("demo", "Development section"),
                (
                    Job(NC_("demo", "Development miner"), 12, SHIFT_4X3),
                    Job(NC_("demo", "Shot-firer"), 4, SHIFT_4X3),
                    Job(NC_("demo", "Ground support miner"), 6, SHIFT_4X3),
                ),
            ),
            Division(
                NC_("demo", "Stoping section"),
                (
                    Job(NC_("demo", "LHD operator"), 8, SHIFT_4X3),
                    Job(
                        NC_("demo", "Face drill operator"),
                        6,
                        SHIFT_4X3,
                    ),
                ),
            ),
            Division(
                NC_("demo", "Ventilation and hoisting"),
                (
                    Job(
                        NC_("demo", "Hoist operator"),
                        4,
                        SHIFT_3X8,
                    ),
                    Job(
                        NC_("demo", "Ventilation miner"),
                        3,
                        SHIFT_3X8,
                    ),
                    Job(
                        NC_("demo", "Underground electrician"),
                        5,
                        SHIFT_3X8,
                    ),
                ),
            ),
        ),
    ),
    Site(
        NC_("demo", "Shygys open pit"),
        ("open_pit", "general"),
        (
            Division(
                NC_("demo", "Mining section"),
                (
                    Job(
                        NC_("demo", "Excavator operator"),
                        6,
                        SHIFT_4X3,
                    ),
                    Job(
                        NC_("demo", "Blast-hole drill operator"),
                        4,
                        SHIFT_4X3,
                    ),
                    Job(NC_("demo", "Mining foreman"), 4, SHIFT_4X3),
                ),
            ),
            Division(
                NC_("demo", "Haulage shop"),
                (
                    Job(
                        NC_("demo", "Haul truck driver"),
                        20,
                        SHIFT_4X3,
                    ),
                    Job(
                        NC_("demo", "Dozer operator"),
                        4,
                        SHIFT_4X3,
                    ),
                ),
            ),
        ),
    ),
    Site(
        NC_("demo", "Concentrator"),
        ("concentrator", "general"),
        (
            Division(
                NC_("demo", "Crushing and grinding"),
                (
                    Job(NC_("demo", "Crusher operator"), 6, SHIFT_3X8),
                    Job(NC_("demo", "Mill operator"), 6, SHIFT_3X8),
                    Job(
                        NC_("demo", "Conveyor operator"),
                        8,
                        SHIFT_3X8,
                    ),
                ),
            ),
            Division(
                NC_("demo", "Flotation and reagents"),
                (
                    Job(NC_("demo", "Flotation operator"), 8, SHIFT_3X8),
                    Job(
                        NC_("demo", "Reagent operator"),
                        3,
                        SHIFT_3X8,
                    ),
                ),
            ),
        ),
    ),
    Site(
        NC_("demo", "Zinc and lead smelter"),
        ("smelter", "general"),
        (
            Division(
                NC_("demo", "Smelting shop"),
                (
                    Job(NC_("demo", "Furnace operator"), 10, SHIFT_4X3),
                    Job(
                        NC_("demo", "Metal caster"),
                        6,
                        SHIFT_4X3,
                    ),
                    Job(
                        NC_("demo", "Ladle crane operator"),
                        4,
                        SHIFT_4X3,
                    ),
                ),
            ),
            Division(
                NC_("demo", "Sulphuric acid plant"),
                (
                    Job(
                        NC_("demo", "Acid plant operator"),
                        5,
                        SHIFT_4X3,
                    ),
                ),
            ),
        ),
    ),
    Site(
        NC_("demo", "Repair and maintenance workshops"),
        ("general",),
        (
            Division(
                NC_("demo", "Mechanical workshop"),
                (
                    Job(NC_("demo", "Welder"), 6, SHIFT_DAY),
                    Job(
                        NC_("demo", "Maintenance fitter"),
                        10,
                        SHIFT_DAY,
                    ),
                ),
            ),
            Division(
                NC_("demo", "Power supply service"),
                (
                    Job(NC_("demo", "Electrician"), 6, SHIFT_3X8),
                    Job(NC_("demo", "Driver"), 8, SHIFT_DAY),
                ),
            ),
        ),
    ),
)

CREW = NC_("demo", "crew {n}")

TEAM = (
    (
        NC_("demo", "Yerzhan Akhmetov"),
        NC_("demo", "Chief engineer"),
        "approver",
    ),
    (
        NC_("demo", "Aigerim Nurlanova"),
        NC_("demo", "Head of labour protection"),
        "facilitator",
    ),
    (
        NC_("demo", "Viktor Kim"),
        NC_("demo", "Chief mechanic"),
        "member",
    ),
    (
        NC_("demo", "Oleg Petrov"),
        NC_("demo", "Chief power engineer"),
        "member",
    ),
    (
        NC_("demo", "Bauyrzhan Seitkaliyev"),
        NC_("demo", "Mine manager"),
        "member",
    ),
    (
        NC_("demo", "Gulnara Zhumabayeva"),
        NC_("demo", "Trade-union labour safety representative"),
        "worker_representative",
    ),
)

RESPONSIBLE = (
    NC_("demo", "Section manager"),
    NC_("demo", "Chief mechanic"),
    NC_("demo", "Chief power engineer"),
    NC_("demo", "Head of labour protection"),
    NC_("demo", "Shift supervisor"),
)
# The person in each of those positions, in the same order (the plan prints "position, name").
RESPONSIBLE_NAMES = (
    NC_("demo", "Bekov A.T."),
    NC_("demo", "Akhmetov S.B."),
    NC_("demo", "Nurlanov E.M."),
    NC_("demo", "Zhaksylykova G.S."),
    NC_("demo", "Omarov D.K."),
)

FUNDING_EMPLOYER = NC_("demo", "At the employer's expense")
FUNDING_NONE = NC_("demo", "Not required")

COMPLETION_FORMS = (
    NC_("demo", "Order"),
    NC_("demo", "Certificate of completed work"),
    NC_("demo", "Instrument measurement report"),
    NC_("demo", "Training log entry"),
)

# the same fields in every language (the catalogue test compares them): "IV quarter 2026"
DUE_QUARTER = NC_("demo", "{roman} quarter {year}")
DUE_PERMANENT = NC_("demo", "Permanently")

DOCUMENT_NUMBER = "ОПР-2026/01"
ASSESSMENT: dict[str, Deferred] = {
    "title": NC_("demo", "Occupational risk assessment of workplaces, 2026"),
    "scope": NC_(
        "demo",
        "All workplaces of production personnel: underground mine, open pit, concentrator, "
        "smelter and workshops (roadmap measures 1 and 18)",
    ),
}
