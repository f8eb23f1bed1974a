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
    "division": NC_("report", "Division"),
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
    "executors": NC_("plan", "Responsible executors (position, name)"),
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
    "continued": NC_("report", "(continued)"),
    "fingerprint": NC_("report", "Checksum (SHA-256) of the register content"),
    "page_of": NC_("report", "page {page} of {pages}"),
    "sha": NC_("report", "SHA-256"),
    "priority": NC_("report", "Priority"),
    "hazards_before": NC_("report", "Hazards before controls"),
    "hazards_after": NC_("report", "Hazards after controls"),
    # the official form (docs: domain, section 8)
    "subtitle": NC_("report", "Occupational risk assessment at workplaces"),
    "document_sheet": NC_("report", "Document"),
    "basis": NC_(
        "report",
        "Basis: Article 182 of the Labour Code of the Republic of Kazakhstan No. 414-V of "
        "23.11.2015; the Rules for management of occupational risks, Order No. 363 of "
        "11.09.2020 (reg. No. 21197).",
    ),
    "official_date": NC_("report", "{day} {month} {year}"),
    "blank_date": NC_("report", "'___' ____________ 20___"),
    "revision_n": NC_("report", "Revision {n}"),
    "position_at": NC_("report", "{position}, {organisation}"),
    "draft_mark": NC_("report", "DRAFT"),
    "draft_word": NC_("report", "Draft"),
    "address": NC_("report", "Address"),
    "region": NC_("report", "Region"),
    "industry": NC_("report", "Industry"),
    "oked": NC_("report", "Activity code (OKED)"),
    "kato": NC_("report", "Region code (KATO)"),
    "headcount": NC_("report", "Headcount"),
    "assessed_on": NC_("report", "Date of the assessment"),
    "approved_on": NC_("report", "Approval date"),
    "next_review": NC_("report", "Next review"),
    # the plan moves after approval (its progress log): which day's state is printed
    "status_as_of": NC_("report", "Status of the measures as of {date}"),
    "commission_order": NC_("report", "Order setting up the commission"),
    "order_number_date": NC_("report", "No. {number} of {date}"),
    "commission": NC_("report", "Occupational risk assessment commission"),
    "chair": NC_("report", "Chair of the commission"),
    "commission_member": NC_("report", "Member of the commission"),
    "workers_representative": NC_("report", "Member of the commission (workers' representative)"),
    "hazard_group": NC_("report", "Hazard group"),
    "causes": NC_("report", "Causes"),
    "people_exposed": NC_("report", "People exposed"),
    "consequence": NC_("report", "Maximum reasonable consequence"),
    "status": NC_("report", "Status"),
    "workplace_heading": NC_("report", "{workplace} - workers: {headcount}"),
    "photo_appendix": NC_("report", "Appendix: photos of the hazards and measures"),
    "class_range": NC_("report", "Score"),
    "kz_degree": NC_("report", "Degree (I-V)"),
    "action": NC_("report", "Action required"),
    "reading_key": NC_(
        "report",
        '"{l} 3 x {s} 5" means likelihood level 3 and severity level 5 of the scales below; the '
        "score and the class follow from the risk matrix.",
    ),
    "kz_scale": NC_("report", "National scale of occupational risk (I-V)"),
    "high_hazards": NC_("report", "High and significant risks of the workplace"),
    "no_high_hazards": NC_("report", "The workplace has no high or significant risks."),
    # the note at the end of a document printed with missing translations (issue 16 item 4)
    "untranslated_kk": NC_(
        "report",
        "Texts with no Kazakh version, printed in another language marked [ru] or [en]: {count}",
    ),
    "untranslated_ru": NC_(
        "report",
        "Texts with no Russian version, printed in another language marked [kk] or [en]: {count}",
    ),
    "untranslated_en": NC_(
        "report",
        "Texts with no English version, printed in another language marked [ru] or [kk]: {count}",
    ),
}


def label(key: str, lang: str) -> str:
    return translated_in(LABELS[key], lang)
