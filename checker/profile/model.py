"""The company profile, schema version 1, as pydantic models.

`tests/data/profile-v1-contract.yaml` is the contract: every field it
uses is here under the same name. Facts a company may not have written down
are optional, because a missing fact is a finding for the rules to report,
not an input error; what the format can't accept (unknown keys, words outside
a vocabulary, malformed dates or codes) is an input error.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from checker.profile import vocabulary as v
from checker.profile.fields import (
    Amount,
    ControlCode,
    Count,
    CountryCode,
    Flag,
    Id,
    IsoDate,
    Months,
    Note,
    Percent,
    Text,
    Uscc,
    Years,
    empty_list,
)

# The events a date may not come before, by the name the message catalogue words them with (`event_…`).
_EVENTS = {"listed": "the party was listed", "suspended": "the suspension began", "issued": "the licence was issued"}


def _not_before(value: dt.date | None, earlier: dt.date | None, when: str) -> dt.date | None:
    """The date, or a `date_order` error when it lies before the date of the event `when` names."""
    if value is not None and earlier is not None and value < earlier:
        raise PydanticCustomError(
            "date_order",
            "{day} is before {event} ({earlier})",
            {"day": value.isoformat(), "event": _EVENTS[when], "earlier": earlier.isoformat(), "when": when},
        )
    return value


class Model(BaseModel):
    # defer_build: the schema is built once, when a profile is first validated, not for every model at import.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=True, validate_default=False, defer_build=True
    )


class Person(Model):
    name: Text
    title: Text | None = None
    name_zh: Text | None = None  # as the Chinese report prints it; else the name as written
    title_zh: Text | None = None


class Penalty(Model):
    date: IsoDate
    authority: Text | None = None
    kind: v.PenaltyKind
    serious: Flag = False
    summary: Note | None = None


class Qualification(Model):
    kind: v.Qualification
    reference: Text | None = None
    valid_until: IsoDate | None = None


class ForeignParent(Model):
    """The foreign company that owns this one, if any (DUR Art. 20 item 3)."""

    name: Text
    country: CountryCode | None = None
    on_control_list: Flag = False


class Company(Model):
    name: Text
    name_zh: Text | None = None
    uscc: Uscc | None = None
    country: CountryCode | None = None
    business: list[v.Business] = Field(default_factory=empty_list)
    employees: Count | None = None
    export_share_percent: Percent | None = None
    penalties: list[Penalty] = Field(default_factory=empty_list)
    qualifications: list[Qualification] = Field(default_factory=empty_list)
    foreign_parent: ForeignParent | None = None


class Assessment(Model):
    as_of: IsoDate | None = None
    prepared_by: Person | None = None
    scope: list[Note] = Field(default_factory=empty_list)


class Signer(Model):
    name: Text
    title: Text | None = None
    role: v.SignerRole


class PolicyStatement(Model):
    document: Text | None = None
    signed_by: Signer | None = None
    signed_on: IsoDate | None = None
    covers: list[v.PolicyTopic] = Field(default_factory=empty_list)
    communicated_to: list[v.Audience] = Field(default_factory=empty_list)
    employee_commitments_signed: Flag | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class ComplianceLead(Model):
    name: Text
    title: Text | None = None
    reports_to: Text | None = None
    reports_to_level: v.ReportingLevel | None = None  # the free text above can't show it reaches management


class Staffing(Model):
    full_time: Count = 0
    part_time: Count = 0


class Organization(Model):
    compliance_lead: ComplianceLead | None = None
    compliance_staff: Staffing | None = None
    compliance_committee: Flag | None = None
    independent_of_sales: Flag | None = None
    can_stop_transactions: Flag | None = None
    can_consult_authorities: Flag | None = None
    single_person_approval: Flag | None = None
    responsibilities_documented: Flag | None = None


class RiskAssessment(Model):
    last_performed: IsoDate | None = None
    interval_months: Months | None = None
    covers: list[v.RiskTopic] = Field(default_factory=empty_list)
    document: Text | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class ItemClassification(Model):
    performed: Flag | None = None
    parameters_documented: Flag | None = None
    records_kept: Flag | None = None
    consult_authority_when_unsure: Flag | None = None


class Screening(Model):
    lists: list[v.ScreeningList] = Field(default_factory=empty_list)
    when: list[v.ScreeningTrigger] = Field(default_factory=empty_list)
    parties: list[v.ScreenedParties] = Field(default_factory=empty_list)


class CertificatePolicy(Model):
    required_for: list[v.CertificateScope] = Field(default_factory=empty_list)
    issued_by_end_user: Flag | None = None
    government_certificate_when_required: Flag | None = None
    no_transfer_commitment: Flag | None = None


class RedFlagProcedure(Model):
    checklist: Flag | None = None
    escalate_to: Text | None = None


class CrossFunctionalReview(Model):
    departments: list[v.Department] = Field(default_factory=empty_list)
    required_for: list[v.ReviewTrigger] = Field(default_factory=empty_list)


class ReviewProcedures(Model):
    stages: list[v.ReviewStage] = Field(default_factory=empty_list)
    item_classification: ItemClassification | None = None
    screening: Screening | None = None
    end_use_certificates: CertificatePolicy | None = None
    red_flags: RedFlagProcedure | None = None
    cross_functional_review: CrossFunctionalReview | None = None
    approval_tiers: list[v.ApprovalTier] = Field(default_factory=empty_list)
    licence_determination: Flag | None = None
    shipment_hold_until_cleared: Flag | None = None
    post_shipment_reporting: Flag | None = None


class EmergencyMeasures(Model):
    plan_document: Text | None = None
    internal_reporting_channel: Flag | None = None
    investigation_procedure: Flag | None = None
    corrective_action_procedure: Flag | None = None
    stop_shipment_procedure: Flag | None = None
    authority_reporting_procedure: Flag | None = None
    foreign_government_visit_procedure: Flag | None = None
    last_drill: IsoDate | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class TrainingSession(Model):
    date: IsoDate
    audience: list[v.TrainingAudience] = Field(default_factory=empty_list)
    topic: Text | None = None
    attendees: Count | None = None


class Training(Model):
    interval_months: Months | None = None
    new_hire_training: Flag | None = None
    audiences: list[v.TrainingAudience] = Field(default_factory=empty_list)
    sessions: list[TrainingSession] = Field(default_factory=empty_list)
    external_training: Flag | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class InternalAudit(Model):
    last_performed: IsoDate | None = None
    interval_months: Months | None = None
    independent: Flag | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class ExternalAudit(Model):
    last_performed: IsoDate | None = None
    auditor: Text | None = None
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class Audit(Model):
    internal: InternalAudit | None = None
    external: ExternalAudit | None = None
    findings_tracked: Flag | None = None
    open_findings: Count | None = None


class Records(Model):
    retention_years: Years | None = None
    kept: list[v.RecordType] = Field(default_factory=empty_list)
    system: Text | None = None
    retrievable: Flag | None = None


class Manual(Model):
    document: Text | None = None
    version: Text | None = None
    last_updated: IsoDate | None = None
    covers: list[v.Element] = Field(default_factory=empty_list)
    evidence: list[Text] = Field(default_factory=empty_list)  # files a reviewer can open, beside the profile


class Programme(Model):
    policy_statement: PolicyStatement | None = None
    organization: Organization | None = None
    risk_assessment: RiskAssessment | None = None
    review_procedures: ReviewProcedures | None = None
    emergency_measures: EmergencyMeasures | None = None
    training: Training | None = None
    audit: Audit | None = None
    records: Records | None = None
    manual: Manual | None = None


class Classification(Model):
    """One determination of an item's export control code, in force from its date until the next one."""

    control_code: ControlCode
    classified_on: IsoDate
    classified_by: Text | None = None
    note: Note | None = None


class Item(Model):
    id: Id
    name: Text
    name_zh: Text | None = None
    kind: v.ItemKind | None = None
    category: v.ItemCategory | None = None
    control_code: ControlCode | None = None
    temporary_control: Flag | None = None
    classified_on: IsoDate | None = None
    classified_by: Text | None = None
    # Earlier and later determinations (after a list change, say). With `control_code` and `classified_on`
    # above, they make the item's history: each export is judged by the determination in force on its date.
    classifications: list[Classification] = Field(default_factory=empty_list, max_length=1000)


class MatchResolution(Model):
    date: IsoDate
    outcome: v.MatchOutcome
    by: Text | None = None


class Listing(Model):
    """A party's entry on a screening list, with its dates: a finding fires only for what happened while the
    entry was in force. A bare list name (the form of profile format 1.0) is an entry with no dates."""

    list: v.ScreeningList
    date: IsoDate | None = None  # the day the party was listed
    announcement: Text | None = None  # the announcement that listed it: a measure id such as MOFCOM2025-21, or words
    removed_on: IsoDate | None = None
    suspended_from: IsoDate | None = None
    suspended_to: IsoDate | None = None  # the last day of the suspension; none: no end recorded

    @field_validator("removed_on", "suspended_from")
    @classmethod
    def _after_listing(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(value, info.data.get("date"), "listed")

    @field_validator("suspended_to")
    @classmethod
    def _after_suspension(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("suspended_from")
        if value is not None and start is None:
            raise PydanticCustomError("missing_start", "suspended_to needs suspended_from", {})
        return _not_before(value, start, "suspended")


class Party(Model):
    id: Id
    name: Text
    name_zh: Text | None = None
    country: CountryCode | None = None
    roles: list[v.PartyRole] = Field(default_factory=empty_list)
    business_type: v.BusinessType | None = None
    end_use: Note | None = None
    screened_on: IsoDate | None = None
    screening_result: v.ScreeningResult | None = None
    listed_on: list[v.ScreeningList | Listing] = Field(default_factory=empty_list)
    match_resolution: MatchResolution | None = None


class Quantity(Model):
    amount: Amount
    unit: Text


class Licence(Model):
    id: Id
    number: Text | None = None
    kind: v.LicenceKind
    authority: v.Authority | None = None
    issued_on: IsoDate | None = None
    valid_until: IsoDate | None = None
    status: v.LicenceStatus | None = None
    status_since: IsoDate | None = None
    registration_case: v.RegistrationCase | None = None
    items: list[Id] = Field(default_factory=empty_list)
    destinations: list[CountryCode] = Field(default_factory=empty_list)
    end_users: list[Id] = Field(default_factory=empty_list)
    quantity: Quantity | None = None

    @field_validator("valid_until")
    @classmethod
    def _after_issue(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(value, info.data.get("issued_on"), "issued")


class EndUserCertificate(Model):
    reference: Text | None = None
    issued_by: v.CertificateIssuer | None = None
    date: IsoDate | None = None
    no_transfer_commitment: Flag | None = None


class Escalation(Model):
    date: IsoDate
    to: Text | None = None
    outcome: Note | None = None


class Review(Model):
    """A cross-department review of one transaction and who approved it."""

    date: IsoDate
    departments: list[v.Department] = Field(default_factory=empty_list)
    approval_tiers: list[v.ApprovalTier] = Field(default_factory=empty_list)


class Consultation(Model):
    """A consultation of the authority on whether an item needs a licence (ECL Art. 12 para 4)."""

    date: IsoDate
    reference: Text | None = None
    outcome: v.ConsultationOutcome | None = None


class Approval(Model):
    """Permission to deal with a listed party (DUR Art. 29; the UEL working mechanism)."""

    reference: Text
    authority: Text | None = None
    date: IsoDate | None = None


class FiledDocument(Model):
    """A document filed with a licence application, such as the risk-assessment report and the written
    commitment an export to a watch-listed party needs (DUR Art. 26)."""

    reference: Text
    date: IsoDate | None = None


class Export(Model):
    id: Id
    date: IsoDate
    movement: v.Movement = v.Movement.export
    item: Id
    quantity: Quantity | None = None
    destination: CountryCode
    transit_via: list[CountryCode] = Field(default_factory=empty_list)
    consignee: Id | None = None
    end_user: Id | None = None
    intermediaries: list[Id] = Field(default_factory=empty_list)
    licence: Id | None = None
    end_user_certificate: EndUserCertificate | None = None
    red_flags: list[v.RedFlag] = Field(default_factory=empty_list)
    escalation: Escalation | None = None
    review: Review | None = None
    consultation: Consultation | None = None
    screened_on: IsoDate | None = None
    reported_after_shipment: Flag | None = None
    listed_party_approval: Approval | None = None
    risk_assessment_report: FiledDocument | None = None  # on the watch-listed party, filed with the application
    written_commitment: FiledDocument | None = None  # the compliance commitment filed with the application


class Recipient(Model):
    name: Text
    nationality: CountryCode | None = None
    party: Id | None = None


class TechnologyTransfer(Model):
    id: Id
    item: Id
    recipient: Recipient
    form: v.TransferForm | None = None
    date: IsoDate
    licence: Id | None = None
    screened_on: IsoDate | None = None


class Profile(Model):
    schema_version: Literal[1]
    company: Company
    assessment: Assessment | None = None
    programme: Programme | None = None
    items: list[Item] = Field(default_factory=empty_list)
    parties: list[Party] = Field(default_factory=empty_list)
    licences: list[Licence] = Field(default_factory=empty_list)
    exports: list[Export] = Field(default_factory=empty_list)
    technology_transfers: list[TechnologyTransfer] = Field(default_factory=empty_list)
