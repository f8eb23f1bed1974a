"""Every word the reports print: marked here, translated in the gettext catalogues (context
"report"; the roadmap's plan headings in context "plan", because the plan's "Deadline" is
"Срок исполнения" where the register's is "Срок"). The official wording (БЕКІТЕМІН /
УТВЕРЖДАЮ, қолы / подпись, Т.А.Ә. / Ф.И.О., the plan headings) is in the .po files as the
documents use it. A report is written in the export's language, not the screen's."""

from __future__ import annotations

from wrac_desktop.i18n import NC_, Deferred, translated_in

LABELS: dict[str, Deferred] = {
    "register_title": NC_("report", "Occupational risk register"),
    "plan_title": NC_("report", "Plan of measures to eliminate hazardous production factors"),
    "matrix_title": NC_("report", "Risk matrix"),
    "summary_title": NC_("report", "Summary for the labour inspectorate"),
    "organisation": NC_("report", "Organisation"),
    "bin": NC_("report", "BIN"),
    "site": NC_("report", "Site"),
    "all_sites": NC_("report", "All sites"),
    "assessment": NC_("report", "Assessment"),
    "scope": NC_("report", "Scope"),
    "date": NC_("report", "Date"),
    "revision": NC_("report", "Revision"),
    "document": NC_("report", "Document No."),
    "no": NC_("report", "No."),
    "workplace": NC_("report", "Workplace"),
    "hazard": NC_("report", "Hazard"),
    "unwanted_event": NC_("report", "Unwanted event"),
    "existing_controls": NC_("report", "Existing controls"),
    "initial_risk": NC_("report", "Initial risk"),
    "residual_risk": NC_("report", "Residual risk"),
    "likelihood_short": NC_("report", "L"),
    "severity_short": NC_("report", "S"),
    "result": NC_("report", "Result"),
    "additional_controls": NC_("report", "Additional controls"),
    "responsible": NC_("report", "Responsible"),
    "due": NC_("report", "Deadline"),
    "measure": NC_("plan", "Measure"),
    "completion_form": NC_("plan", "Form of completion"),
    "executors": NC_("plan", "Responsible executors"),
    "deadline": NC_("plan", "Deadline"),
    "funding": NC_("plan", "Funding source"),
    "team": NC_("report", "Assessment team"),
    "full_name": NC_("report", "Full name"),
    "position": NC_("report", "Position"),
    "role": NC_("report", "Role"),
    "signature": NC_("report", "Signature"),
    "approved": NC_("report", "APPROVED"),
    "acknowledgement": NC_("report", "Workers' acknowledgement sheet"),
    "acknowledged_text": NC_(
        "report", "We have read the occupational risks of our workplaces and the control measures."
    ),
    "legend": NC_("report", "Risk classes"),
    "fingerprint": NC_("report", "Fingerprint (SHA-256) of the register content"),
    "page_of": NC_("report", "page {page} of {pages}"),
    "sha": NC_("report", "SHA-256"),
    "priority": NC_("report", "Priority"),
    "hazards_before": NC_("report", "Hazards before controls"),
    "hazards_after": NC_("report", "Hazards after controls"),
}


def label(key: str, lang: str) -> str:
    return translated_in(LABELS[key], lang)
