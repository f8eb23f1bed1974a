"""The names a user knows a register's records and fields by, for the views that list changes
field by field (revision diff, merge conflicts) instead of column names like ``due_text``."""

from __future__ import annotations

from datetime import date
from typing import Any

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import N_, translated

_RECORDS = {  # by table name, and by the shorter names the revision diff uses
    "organisation": N_("organisation"),
    "org_unit": N_("site/division"),
    "workplace": N_("workplace"),
    "risk_matrix": N_("risk matrix"),
    "matrix": N_("risk matrix"),
    "assessment": N_("assessment"),
    "team_member": N_("team member"),
    "team": N_("team member"),
    "hazard": N_("hazard"),
    "control_measure": N_("control measure"),
    "measure": N_("control measure"),
    "library_entry": N_("library entry"),
    "text_translation": N_("translation"),
    "translation": N_("translation"),
    "progress_event": N_("progress step"),
    "attachment": N_("attached file"),
    "event": N_("event"),
    "organisation_figures": N_("figures of a year"),
    "hidden_injury": N_("suspected hidden injury"),
    # the program's own records, which storage damage may name (persistence/integrity.py)
    "audit_log": N_("audit log entry"),
    "attachment_blob": N_("attached file's content"),
    "register_property": N_("register property"),
    "reassessment_flag": N_("reassessment flag"),
}

_FIELDS = {
    # assessment
    "title": N_("Title"),
    "scope": N_("Scope"),
    "assessed_on": N_("Assessment date"),
    "document_number": N_("Document No."),
    "revision": N_("Revision"),
    "approved_by": N_("Approved by"),
    "approver_position": N_("Approver's position"),
    "approved_on": N_("Approval date"),
    "next_review_on": N_("Next review"),
    "definition": N_("Definition"),
    # hazard
    "library_id": N_("Library hazard"),
    "category": N_("Hazard category"),
    "description": N_("Description"),
    "unwanted_event": N_("Unwanted event"),
    "causes": N_("Causes"),
    "people_exposed": N_("People exposed"),
    "consequence": N_("Maximum reasonable consequence"),
    "existing_controls": N_("Existing controls"),
    "initial_likelihood": N_("Initial likelihood"),
    "initial_severity": N_("Initial severity"),
    "initial_exposure": N_("Initial exposure"),
    "initial_score": N_("Initial risk score"),
    "initial_band": N_("Initial risk class"),
    "initial_override_band": N_("Initial risk class set by hand"),
    "initial_override_reason": N_("Reason for the initial class set by hand"),
    "residual_likelihood": N_("Residual likelihood"),
    "residual_severity": N_("Residual severity"),
    "residual_exposure": N_("Residual exposure"),
    "residual_score": N_("Residual risk score"),
    "residual_band": N_("Residual risk class"),
    "residual_override_band": N_("Residual risk class set by hand"),
    "residual_override_reason": N_("Reason for the residual class set by hand"),
    "priority": N_("Priority"),
    "notes": N_("Notes"),
    "workplace_name": N_("Workplace"),
    "workplace_id": N_("Workplace"),
    "unit_id": N_("Site or division"),
    # measure
    "level": N_("Hierarchy level"),
    "kind": N_("Kind of measure"),
    "responsible": N_("Responsible"),
    "responsible_name": N_("Responsible person's name"),
    "due_text": N_("Deadline"),
    "due_date": N_("Due date"),
    "status": N_("Status"),
    "completed_on": N_("Completed on"),
    "cost": N_("Cost"),
    "funding_source": N_("Funding source"),
    "completion_form": N_("Form of completion"),
    # team member
    "name": N_("Name"),
    "position": N_("Position"),
    "role": N_("Role"),
    # organisation, its units and workplaces, and the order of any list
    "legal_name": N_("Legal name"),
    "bin": N_("BIN"),
    "region": N_("Region"),
    "address": N_("Address"),
    "industry": N_("Industry"),
    "oked": N_("Activity code (OKED)"),
    "kato": N_("Region code (KATO)"),
    "commission_order": N_("Order setting up the commission"),
    "commission_order_on": N_("Date of the order setting up the commission"),
    "parent": N_("Site or division above"),
    "unit": N_("Site or division"),
    "headcount": N_("Headcount"),
    "job_titles": N_("Job titles"),
    "shift_pattern": N_("Shift pattern"),
    "location_notes": N_("Location notes"),
    "sort_order": N_("Place in the list"),
    # any record
    "created_at": N_("Created"),
    "modified_at": N_("Last changed"),
    # a text's translations
    "source": N_("Text"),
    "lang": N_("Written in"),
    "kk": N_("Kazakh"),
    "ru": N_("Russian"),
    "en": N_("English"),
    "unchecked": N_("Translations to check"),
    # an event, the figures of a year, a suspected hidden injury (issue 18)
    "occurred_at": N_("When"),
    "person_name": N_("Person involved"),
    "person_position": N_("Position of the person"),
    "personnel_no": N_("Personnel number"),
    "consent_note": N_("Consent to keep the name"),
    "immediate_cause": N_("Immediate cause"),
    "days_lost": N_("Working days lost"),
    "reported_on": N_("Reported to the inspectorate on"),
    "report_reference": N_("The inspectorate's reference"),
    "investigation": N_("Investigation"),
    "deleted_on": N_("Withdrawn on"),
    "deletion_reason": N_("Reason for withdrawing"),
    "year": N_("Year"),
    "average_headcount": N_("Average headcount"),
    "hours_worked": N_("Hours worked"),
    "insurer": N_("Insurer"),
    "insurance_policy": N_("Accident insurance policy"),
    "insured_until": N_("Insured until"),
    "insured_workers": N_("Workers insured"),
    "safety_service": N_("Labour-protection service in place"),
    "safety_officers": N_("People responsible for labour safety"),
    "officers_tested": N_("Of them, passed the knowledge test"),
    "visit_on": N_("Date of the medical visit"),
    "person": N_("Person"),
    "diagnosis": N_("Diagnosis"),
    "found_on": N_("Found on"),
}


def record_title(kind: str) -> str:
    """``control_measure`` → "control measure" in the current language; unknown ones as they are."""
    return translated(_RECORDS[kind]) if kind in _RECORDS else kind


# A field whose name means another thing in another record.
_RECORD_FIELDS = {
    ("org_unit", "kind"): N_("Site or division (kind)"),
    ("event", "kind"): N_("What happened"),
    ("event", "description"): N_("What happened, in words"),
    ("hidden_injury", "source"): N_("Journal of medical visits"),
}


def field_title(name: str, record: str = "") -> str:
    """``due_text`` → "Deadline" in the current language; an unknown field as it is."""
    if (record, name) in _RECORD_FIELDS:
        return translated(_RECORD_FIELDS[record, name])
    return translated(_FIELDS[name]) if name in _FIELDS else name


def field_value(name: str, value: Any) -> str:
    """A field's value as the user reads it: dates (kept as ISO text in the canonical content)
    in the language's own form, 16.03.2026; nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, str) and (name.endswith("_on") or name.endswith("_date")):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
