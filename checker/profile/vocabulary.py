"""The closed vocabularies of the profile format (schema version 1).

Each enum lists the accepted words of one field; a word outside the list is an
input error with a "did you mean" suggestion. Words may be added in later
versions of the format, never renamed or removed.
"""

from enum import StrEnum


class Business(StrEnum):
    dual_use_export = "dual_use_export"
    military_export = "military_export"
    nuclear_export = "nuclear_export"
    technology_transfer = "technology_transfer"
    commercial_encryption = "commercial_encryption"
    precursor_chemicals = "precursor_chemicals"
    export_services = "export_services"
    research = "research"


class PenaltyKind(StrEnum):
    administrative = "administrative"
    criminal = "criminal"


class SignerRole(StrEnum):
    principal_person_in_charge = "principal_person_in_charge"
    senior_executive = "senior_executive"
    compliance_manager = "compliance_manager"
    other = "other"


class ReportingLevel(StrEnum):
    """Whom the compliance lead answers to; all but the last two are senior management."""

    board = "board"
    chairman = "chairman"
    chief_executive = "chief_executive"
    general_manager = "general_manager"
    principal_person_in_charge = "principal_person_in_charge"
    senior_executive = "senior_executive"
    department_head = "department_head"
    other = "other"


class PolicyTopic(StrEnum):
    legal_commitment = "legal_commitment"
    management_support = "management_support"
    no_violation_pledge = "no_violation_pledge"
    employee_responsibilities = "employee_responsibilities"
    purpose_of_controls = "purpose_of_controls"


class Audience(StrEnum):
    """Who a policy is communicated to."""

    all_employees = "all_employees"
    new_hires = "new_hires"
    management = "management"
    business_partners = "business_partners"
    public = "public"


class RiskTopic(StrEnum):
    items = "items"
    customers = "customers"
    destinations = "destinations"
    end_uses = "end_uses"
    technology_transfer = "technology_transfer"
    research_and_development = "research_and_development"
    third_parties = "third_parties"
    service_providers = "service_providers"
    business_processes = "business_processes"
    programme_gaps = "programme_gaps"
    internal_controls = "internal_controls"


class ReviewStage(StrEnum):
    inquiry = "inquiry"
    quotation = "quotation"
    technical_exchange = "technical_exchange"
    contract = "contract"
    production = "production"
    shipment = "shipment"
    after_sales = "after_sales"


class ScreeningList(StrEnum):
    mofcom_control_list = "mofcom_control_list"
    mofcom_watch_list = "mofcom_watch_list"
    unreliable_entity_list = "unreliable_entity_list"
    un_security_council_sanctions = "un_security_council_sanctions"
    other = "other"


class ScreeningTrigger(StrEnum):
    new_party = "new_party"
    every_transaction = "every_transaction"
    list_update = "list_update"
    periodic = "periodic"


class ScreenedParties(StrEnum):
    customers = "customers"
    end_users = "end_users"
    consignees = "consignees"
    intermediaries = "intermediaries"
    freight_forwarders = "freight_forwarders"
    banks = "banks"


class CertificateScope(StrEnum):
    listed_items = "listed_items"
    catch_all_items = "catch_all_items"
    all_exports = "all_exports"


class Department(StrEnum):
    sales = "sales"
    compliance = "compliance"
    legal = "legal"
    engineering = "engineering"
    logistics = "logistics"
    finance = "finance"
    management = "management"


class ReviewTrigger(StrEnum):
    listed_items = "listed_items"
    catch_all_items = "catch_all_items"
    watch_list_parties = "watch_list_parties"
    red_flags = "red_flags"
    new_destinations = "new_destinations"
    technology_transfers = "technology_transfers"


class ApprovalTier(StrEnum):
    business_unit = "business_unit"
    group_compliance = "group_compliance"
    management = "management"


class TrainingAudience(StrEnum):
    management = "management"
    sales = "sales"
    engineering = "engineering"
    logistics = "logistics"
    compliance = "compliance"
    finance = "finance"
    research = "research"
    all_employees = "all_employees"


class RecordType(StrEnum):
    end_user_certificates = "end_user_certificates"
    contracts = "contracts"
    invoices = "invoices"
    account_books = "account_books"
    shipping_documents = "shipping_documents"
    correspondence = "correspondence"
    licences = "licences"
    customs_declarations = "customs_declarations"
    classification_records = "classification_records"
    technical_documents = "technical_documents"
    screening_results = "screening_results"
    review_records = "review_records"
    risk_assessments = "risk_assessments"
    training_records = "training_records"
    audit_reports = "audit_reports"


class Element(StrEnum):
    """The nine elements of MOFCOM's 2021 guidance, in its order."""

    policy_statement = "policy_statement"
    organization = "organization"
    risk_assessment = "risk_assessment"
    review_procedures = "review_procedures"
    emergency_measures = "emergency_measures"
    training = "training"
    audit = "audit"
    records = "records"
    manual = "manual"


class ItemKind(StrEnum):
    hardware = "hardware"
    software = "software"
    technology = "technology"
    material = "material"


class ItemCategory(StrEnum):
    """Which regime an item falls under; dual-use unless stated."""

    dual_use = "dual_use"
    military = "military"
    nuclear = "nuclear"


class PartyRole(StrEnum):
    importer = "importer"
    end_user = "end_user"
    consignee = "consignee"
    intermediary = "intermediary"
    freight_forwarder = "freight_forwarder"
    bank = "bank"


class BusinessType(StrEnum):
    """What a party does; a trader, distributor or forwarder passes goods on rather than using them."""

    manufacturer = "manufacturer"
    research_institute = "research_institute"
    university = "university"
    government = "government"
    service_provider = "service_provider"
    trading_company = "trading_company"
    distributor = "distributor"
    freight_forwarder = "freight_forwarder"
    other = "other"


class ScreeningResult(StrEnum):
    clear = "clear"
    possible_match = "possible_match"
    match = "match"


class MatchOutcome(StrEnum):
    false_positive = "false_positive"
    confirmed = "confirmed"


class LicenceKind(StrEnum):
    single = "single"
    general = "general"
    registration_filing = "registration_filing"
    military = "military"


class LicenceStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    revoked = "revoked"
    returned = "returned"


class Authority(StrEnum):
    MOFCOM = "MOFCOM"
    provincial_commerce = "provincial_commerce"
    SASTIND = "SASTIND"
    CAEA = "CAEA"
    other = "other"


class RegistrationCase(StrEnum):
    """The cases of DUR Art. 19 in which a registration-filing voucher may be used."""

    inbound_repair_return = "inbound_repair_return"
    outbound_repair_return = "outbound_repair_return"
    domestic_exhibition_return = "domestic_exhibition_return"
    foreign_exhibition_return = "foreign_exhibition_return"
    civil_aircraft_parts = "civil_aircraft_parts"
    mofcom_designated = "mofcom_designated"


class CertificateIssuer(StrEnum):
    end_user = "end_user"
    end_user_government = "end_user_government"


class RedFlag(StrEnum):
    wmd_end_use = "wmd_end_use"
    military_end_use = "military_end_use"
    terrorism_risk = "terrorism_risk"
    national_security_risk = "national_security_risk"
    authority_notice = "authority_notice"
    diversion_risk = "diversion_risk"
    evasive_answers = "evasive_answers"
    unusual_route = "unusual_route"
    unusual_payment = "unusual_payment"
    end_use_mismatch = "end_use_mismatch"


class Movement(StrEnum):
    """How goods leave (or pass through) the customs territory; ECL Art. 45, DUR Art. 48."""

    export = "export"
    transit = "transit"
    transshipment = "transshipment"
    through_shipment = "through_shipment"
    re_export = "re_export"
    special_zone_export = "special_zone_export"
    into_special_zone = "into_special_zone"
    between_special_zones = "between_special_zones"


class TransferForm(StrEnum):
    training = "training"
    consulting = "consulting"
    employment = "employment"
    ip_licence = "ip_licence"
    investment = "investment"
    exchange = "exchange"


class ConsultationOutcome(StrEnum):
    licence_required = "licence_required"
    no_licence_required = "no_licence_required"
    pending = "pending"


class Qualification(StrEnum):
    military_export = "military_export"
    nuclear_export = "nuclear_export"
