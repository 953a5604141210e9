"""Isolation matrix: every URL of the portal × every persona × the objects of every tenant.

The URLs come from the resolver, so a new URL fails ``test_every_url_is_classified`` until it
is listed here: as an object URL (with how to build its object for a tenant), as a list page
(whose answer must not name the sibling province's objects), or as skipped (with the reason).

Tenants (see ``conftest.py``): A = province Gia Lai (the personas' own), B = its sibling
province Đắk Lắk, C = the central committee above them, K = the commune committee under A.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.authz.conftest import PERSONAS, TENANTS
from tests.authz.matrix import (
    CODES,
    NO_OBJECT,
    UNNAMED,
    Target,
    fetch,
    leaked,
    pk,
    url_for,
    walk_urls,
)

# --- Which URLs are what -------------------------------------------------------------------

SKIPPED_NAMESPACES = {
    "admin": "the Django admin: administrators only, every committee by design",
}
SKIPPED = {
    "login": "the login page, public by design",
    "logout": "ends the user's own session",
    "password_change": "the user's own password: no committee data",
    "password_change_done": "a static confirmation page",
    "password_reset": "asks for a reset link by e-mail; answers the same for any address",
    "password_reset_done": "a static confirmation page",
    "password_reset_confirm": "the e-mailed token decides, for the token's own user only",
    "password_reset_complete": "a static confirmation page",
    "set_language": "sets the language cookie: no committee data",
    "api_schema": "the OpenAPI schema describes the API and holds no data",
    "api_docs": "the API's documentation (Swagger UI) reads the schema: no committee data",
    "api_unversioned": "redirects /api/... to /api/v1/... (308): no data",
    "healthz": "health check without login: says only that the process is alive",
    "readyz": "health check without login: which services are reachable, no committee data",
}

# URLs with object parameters: how to build each for a tenant's object.
OBJECT_URLS: dict[str, Target] = {
    # Committees, meetings, indicators.
    "committee_detail": Target(pk("committee")),
    "meeting_detail": Target(pk("meeting")),
    "meeting_conclude": Target(pk("meeting"), ("POST",)),
    "meeting_conclusion_file": Target(pk("meeting")),
    "document_detail": Target(pk("document")),
    "document_file": Target(pk("document")),
    "document_attach": Target(pk("document"), ("POST",)),
    "indicator_value_create": Target(pk("indicator"), ("POST",)),
    # The task register (the lead assignment awaits confirmation and has evidence).
    "task_detail": Target(pk("task")),
    "task_edit": Target(pk("task"), ("GET", "POST")),
    "task_cancel": Target(pk("task"), ("POST",)),
    "assignment_create": Target(pk("task"), ("POST",)),
    "progress_create": Target(pk("assignment"), ("POST",)),
    "completion_confirm": Target(pk("assignment"), ("POST",)),
    "completion_return": Target(pk("assignment"), ("POST",)),
    "evidence_download": Target(pk("evidence")),
    # Following up: urging, extension requests (the lead's request awaits a decision).
    "urge_task": Target(pk("task"), ("POST",)),
    "urge_agency": Target(pk("agency"), ("POST",)),
    "extension_create": Target(pk("assignment"), ("POST",)),
    "extension_grant": Target(pk("extension"), ("POST",)),
    "extension_refuse": Target(pk("extension"), ("POST",)),
    # Imports (each tenant's batch was uploaded by its secretariat).
    "import_preview": Target(pk("import_batch"), ("GET", "POST")),
    "import_confirm": Target(pk("import_batch"), ("POST",)),
    "import_detail": Target(pk("import_batch")),
    "import_file": Target(pk("import_batch")),
    "import_retry": Target(pk("import_batch"), ("POST",)),
    # Communes and money (only provinces have them).
    "communes:commune_detail": Target(pk("commune")),
    "communes:survey_create": Target(pk("commune"), ("GET", "POST")),
    "communes:request_create": Target(pk("commune"), ("GET", "POST")),
    "communes:request_detail": Target(pk("request_approved")),
    "communes:request_edit": Target(pk("request_draft"), ("GET", "POST")),
    "communes:request_act": Target(pk("request_submitted", action="start_review"), ("POST",)),
    "communes:disbursement_create": Target(pk("request_allocated"), ("POST",)),
    "communes:attachment_download": Target(pk("attachment")),
    "communes:programme_detail": Target(pk("programme")),
    # Notifications: each tenant's is one user's (tests/authz/conftest.py).
    "notifications:open": Target(pk("notification")),
    # Reports.
    "report_status": Target(pk("report")),
    "report_retry": Target(pk("report"), ("POST",)),
    "report_issue": Target(pk("report"), ("GET", "POST")),
    "report_correct": Target(pk("report"), ("POST",)),
    "api_token_revoke": Target(pk("api_token"), ("POST",)),
    "report_download": Target(pk("report", fmt="pdf")),
    # The API.
    "api_task_detail": Target(pk("task"), ("GET", "PATCH"), api=True),
    "api_progress_create": Target(pk("assignment"), ("GET", "POST"), api=True),
    "api_commune_request_detail": Target(pk("request_approved"), ("GET", "PATCH"), api=True),
    "api_commune_request_transition": Target(pk("request_submitted"), ("POST",), api=True),
    "api_commune_disbursement_create": Target(pk("request_allocated"), ("POST",), api=True),
    "api_committee_detail": Target(pk("committee"), api=True),
    "api_committee_rollup": Target(pk("committee"), api=True),
    "api_agency_detail": Target(pk("agency"), api=True),
    "api_meeting_detail": Target(pk("meeting"), api=True),
    "api_document_detail": Target(pk("document"), api=True),
    "api_indicator_detail": Target(pk("indicator"), api=True),
    "api_indicator_values": Target(pk("indicator"), ("GET", "POST"), api=True),
    "api_task_assignments": Target(pk("task"), ("GET", "POST"), api=True),
    "api_task_progress": Target(pk("task"), api=True),
    "api_assignment_detail": Target(pk("assignment"), ("GET", "PATCH"), api=True),
    "api_extension_create": Target(pk("assignment"), ("POST",), api=True),
    "api_extension_detail": Target(pk("extension"), api=True),
    "api_extension_grant": Target(pk("extension"), ("POST",), api=True),
    "api_extension_refuse": Target(pk("extension"), ("POST",), api=True),
    "api_commune_detail": Target(pk("commune"), api=True),
    "api_commune_surveys": Target(pk("commune"), api=True),
    "api_programme_detail": Target(pk("programme"), api=True),
    "api_notification_read": Target(pk("notification"), ("POST",), api=True),
    "api_report_detail": Target(pk("report"), api=True),
    "api_report_download": Target(pk("report", fmt="pdf"), api=True),
}

# Pages without object parameters: lists, forms with drop-downs, exports. (method, is API)
LIST_PAGES: dict[str, tuple[str, bool]] = {
    "home": ("GET", False),
    "dashboard": ("GET", False),
    "committee_overview": ("GET", False),
    "task_list": ("GET", False),
    "task_create": ("GET", False),
    "task_export": ("GET", False),
    "task_template": ("GET", False),
    "import_list": ("GET", False),
    "confirmation_queue": ("GET", False),
    "extension_queue": ("GET", False),
    "my_agency": ("GET", False),
    "meeting_list": ("GET", False),
    "document_list": ("GET", False),
    "indicator_list": ("GET", False),
    "communes:commune_list": ("GET", False),
    "communes:line_item_row": ("GET", False),
    "communes:review_queue": ("GET", False),
    "communes:finance_queue": ("GET", False),
    "communes:programme_list": ("GET", False),
    "report_list": ("GET", False),
    "report_create": ("POST", False),
    "notifications:list": ("GET", False),
    "notifications:read_all": ("POST", False),
    "notifications:preferences": ("GET", False),
    "api_tokens": ("GET", False),
    "api_task_list": ("GET", True),
    "api_commune_request_list": ("GET", True),
    "api_committee_list": ("GET", True),
    "api_agency_list": ("GET", True),
    "api_member_list": ("GET", True),
    "api_meeting_list": ("GET", True),
    "api_document_list": ("GET", True),
    "api_indicator_list": ("GET", True),
    "api_extension_list": ("GET", True),
    "api_commune_list": ("GET", True),
    "api_programme_list": ("GET", True),
    "api_allocation_list": ("GET", True),
    "api_disbursement_list": ("GET", True),
    "api_notification_list": ("GET", True),
    "api_notification_read_all": ("POST", True),
    "api_report_list": ("GET", True),
}
# List URLs that also take a write (the API's creations): rows "<name> <method>" below.
LIST_WRITES = {
    "api_task_list": "POST",
    "api_commune_request_list": "POST",
    "api_report_list": "POST",
}

PERSONA_NAMES = list(PERSONAS)
# Who sees every committee by design (README, "Roles"; DESIGN, "Tenancy"): the sibling
# province's names on their pages are no leak.
SEES_EVERY_PROVINCE = {"administrator", "central_leader"}

# --- What each persona gets ----------------------------------------------------------------
#
# One row per URL and method; one group per persona (columns below), one character per tenant
# whose object the URL is built for, in the order A B C K:
#
#   ✓ 200 the page, file or JSON       ! 400 input refused, nothing done
#   → 302 done / back with a message   ✗ 403 the role may not do this at all
#   · 404 outside the persona's scope  - the tenant has no such object (communes, money: A, B)
#
# POST rows send empty data (the API: an empty JSON object). Read by design:
# - A's personas read A and, with a reading role, K (the committee below); never B, nor C's
#   own data (meetings, indicators, reports, imports).
# - C's task is led by the ministry and by both provinces: A's secretariat and leader (and
#   their API) see it, with A's own assignment only; its matrix assignment and evidence are
#   the ministry's, which A does not see (test_received_tasks.py covers A's own).
# - A's task is coordinated by the ward's People's Committee, which stands for committee K:
#   K's secretariat sees it (and nothing else of A's); the ward's officer sees it too. The
#   ward's Commune record is A's (communes belong to their province): K does not see it.
# - The administrator works in every committee; the central leader reads the whole tree.
#
# Persona columns: secretariat, leader, agency_officer, commune_officer, reviewer, finance,
# administrator, central_leader, commune_secretariat (see conftest.PERSONAS).
# fmt: off
OBJECT_EXPECTED = {
    #                                        sec  lead agen comm rev  fin  adm  TW.l K.sec
    "committee_detail GET":                 "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "meeting_detail GET":                   "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "meeting_conclude POST":                "!··✗ ✗··✗ ✗··✗ ✗··✗ ✗··✗ ✗··✗ !!!! ✗✗✗✗ ···!",
    "meeting_conclusion_file GET":          "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "document_detail GET":                  "✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓✓✓✓ ✓✓✓✓ ✓·✓✓",
    "document_file GET":                    "✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓✓✓✓ ✓✓✓✓ ✓·✓✓",
    "document_attach POST":                 "!·✗✗ ✗·✗✗ ✗·✗✗ ✗·✗✗ ✗·✗✗ ✗·✗✗ !!!! ✗✗✗✗ ✗·✗!",
    "indicator_value_create POST":          "→··→ ✗✗✗✗ →··· ···· ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "task_detail GET":                      "✓·✓✓ ✓·✓✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ✓··✓",
    "task_edit GET":                        "✓··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✗✗✗✗ ···✓",
    "task_edit POST":                       "!··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "task_cancel POST":                     "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "assignment_create POST":               "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "progress_create POST":                 "→··· ···· →··· ···· ···· ···· →→→→ ···· ···→",
    "completion_confirm POST":              "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "completion_return POST":               "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "evidence_download GET":                "✓··✓ ✓··✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ···✓",
    "urge_task POST":                       "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "urge_agency POST":                     "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "extension_create POST":                "···· ···· →··· ···· ···· ···· →→→→ ···· ····",
    "extension_grant POST":                 "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "extension_refuse POST":                "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "import_preview GET":                   "✓··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✗✗✗✗ ···✓",
    "import_preview POST":                  "→··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "import_confirm POST":                  "→··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "import_detail GET":                    "✓··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✗✗✗✗ ···✓",
    "import_file GET":                      "✓··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✗✗✗✗ ···✓",
    "import_retry POST":                    "→··· ✗✗✗✗ ···· ···· ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "communes:commune_detail GET":          "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "communes:survey_create GET":           "✗✗-- ✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:survey_create POST":          "✗✗-- ✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:request_create GET":          "✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:request_create POST":         "✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:request_detail GET":          "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "communes:request_edit GET":            "✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:request_edit POST":           "✗✗-- ✗✗-- ✗✗-- ✓·-- ✗✗-- ✗✗-- ✓✓-- ✗✗-- ✗✗--",
    "communes:request_act POST":            "✗·-- ✗·-- ··-- ✗·-- →·-- ✗·-- →→-- ✗✗-- ··--",
    "communes:disbursement_create POST":    "··-- ··-- ··-- ··-- ··-- !·-- !!-- ··-- ··--",
    "communes:attachment_download GET":     "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "communes:programme_detail GET":        "✓·-- ✓·-- ✗✗-- ✗✗-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "notifications:open GET":               "···· ···· →··· ···· ···· ···· ···· ···· ···→",
    "report_status GET":                    "✓··✓ ✓··✓ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✓✓✓✓ ···✓",
    "report_retry POST":                    "→··→ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    # Issuing is the report's own committee's secretariat's (the world's reports are drafts:
    # a correction is refused with a message).
    "report_issue GET":                     "✓··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✗✗✗✗ ···✓",
    "report_issue POST":                    "!··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "report_correct POST":                  "→··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ →→→→ ✗✗✗✗ ···→",
    "api_token_revoke POST":                "→··· ···· ···· ···· ···· ···· →→→→ ···· ···→",
    "report_download GET":                  "✓··✓ ✓··✓ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_task_detail GET":                  "✓·✓✓ ✓·✓✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ✓··✓",
    "api_task_detail PATCH":                "v··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ vvvv ✗✗✗✗ ···v",
    "api_progress_create GET":              "✓··✓ ✓··✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_progress_create POST":             "!··· ···· !··· ···· ···· ···· !!!! ···· ···!",
    "api_commune_request_detail GET":       "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "api_commune_request_detail PATCH":     "✗·-- ✗·-- ··-- v·-- ✗·-- ✗·-- vv-- ✗✗-- ··--",
    "api_commune_request_transition POST":  "!·-- !·-- ··-- !·-- !·-- !·-- !!-- !!-- ··--",
    "api_commune_disbursement_create POST": "!·-- !·-- ··-- !·-- !·-- !·-- !!-- !!-- ··--",
    "api_committee_detail GET":             "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_committee_rollup GET":             "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_agency_detail GET":                "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_meeting_detail GET":               "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_document_detail GET":              "✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓·✓✓ ✓✓✓✓ ✓✓✓✓ ✓·✓✓",
    "api_indicator_detail GET":             "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_indicator_values GET":             "✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓··✓ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_indicator_values POST":            "!··! ✗✗✗✗ !··· ···· ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "api_task_assignments GET":             "✓·✓✓ ✓·✓✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ✓··✓",
    "api_task_assignments POST":            "!··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "api_task_progress GET":                "✓·✓✓ ✓·✓✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ✓··✓",
    "api_assignment_detail GET":            "✓··✓ ✓··✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_assignment_detail PATCH":          "v··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ vvvv ✗✗✗✗ ···v",
    "api_extension_create POST":            "···· ···· !··· ···· ···· ···· !!!! ···· ····",
    "api_extension_detail GET":             "✓··✓ ✓··✓ ✓··· ✓··· ✓··· ···· ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_extension_grant POST":             "!··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "api_extension_refuse POST":            "!··· ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ !!!! ✗✗✗✗ ···!",
    "api_commune_detail GET":               "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "api_commune_surveys GET":              "✓·-- ✓·-- ··-- ✓·-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "api_programme_detail GET":             "✓·-- ✓·-- ✗✗-- ✗✗-- ✓·-- ✓·-- ✓✓-- ✓✓-- ··--",
    "api_notification_read POST":           "···· ···· ✓··· ···· ···· ···· ···· ···· ···✓",
    "api_report_detail GET":                "✓··✓ ✓··✓ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✓✓✓✓ ···✓",
    "api_report_download GET":              "✓··✓ ✓··✓ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✗✗✗✗ ✓✓✓✓ ✓✓✓✓ ···✓",
}

# List pages: the status for each persona (same columns). Their content is searched for the
# sibling province's names by ``test_list_page``.
LIST_EXPECTED = {
    #                            sec lea age com rev fin adm TW. K.s
    "home":                     "200 200 200 200 302 302 200 200 200",
    "dashboard":                "200 200 403 403 403 403 200 200 200",
    "committee_overview":       "200 200 200 200 200 200 200 200 200",
    "task_list":                "200 200 200 200 200 200 200 200 200",
    "task_create":              "200 403 403 403 403 403 200 403 200",
    "task_export":              "200 200 200 200 200 200 200 200 200",
    "task_template":            "200 403 200 200 403 403 200 403 200",
    "import_list":              "200 403 200 200 403 403 200 403 200",
    "confirmation_queue":       "200 403 403 403 403 403 200 403 200",
    "extension_queue":          "200 403 403 403 403 403 200 403 200",
    "my_agency":                "200 200 200 200 200 200 200 200 200",
    "meeting_list":             "200 200 200 200 200 200 200 200 200",
    "document_list":            "200 200 200 200 200 200 200 200 200",
    "indicator_list":           "200 200 200 200 200 200 200 200 200",
    "communes:commune_list":    "200 200 403 302 200 200 200 200 200",
    "communes:line_item_row":   "200 200 200 200 200 200 200 200 200",
    "communes:review_queue":    "403 403 403 403 200 403 200 403 403",
    "communes:finance_queue":   "403 403 403 403 403 200 200 403 403",
    "communes:programme_list":  "200 200 403 403 200 200 200 200 200",
    "report_list":              "200 200 403 403 403 403 200 200 200",
    "report_create":            "422 403 403 403 403 403 422 403 422",
    "notifications:list":       "200 200 200 200 200 200 200 200 200",
    "notifications:read_all":   "302 302 302 302 302 302 302 302 302",
    "notifications:preferences":"200 200 200 200 200 200 200 200 200",
    "api_tokens":               "200 200 200 200 200 200 200 200 200",
    "api_task_list":            "200 200 200 200 200 200 200 200 200",
    "api_commune_request_list": "200 200 200 200 200 200 200 200 200",
    "api_committee_list":       "200 200 200 200 200 200 200 200 200",
    "api_agency_list":          "200 200 200 200 200 200 200 200 200",
    "api_member_list":          "200 200 200 200 200 200 200 200 200",
    "api_meeting_list":         "200 200 200 200 200 200 200 200 200",
    "api_document_list":        "200 200 200 200 200 200 200 200 200",
    "api_indicator_list":       "200 200 200 200 200 200 200 200 200",
    "api_extension_list":       "200 200 200 200 200 200 200 200 200",
    "api_commune_list":         "200 200 403 200 200 200 200 200 200",
    "api_programme_list":       "200 200 403 403 200 200 200 200 200",
    "api_allocation_list":      "200 200 403 200 200 200 200 200 200",
    "api_disbursement_list":    "200 200 403 200 200 200 200 200 200",
    "api_notification_list":    "200 200 200 200 200 200 200 200 200",
    "api_notification_read_all":"200 200 200 200 200 200 200 200 200",
    "api_report_list":          "200 200 403 403 403 403 200 200 200",
    "api_task_list POST":       "400 403 403 403 403 403 400 403 400",
    "api_commune_request_list POST": "400 400 400 400 400 400 400 400 400",
    "api_report_list POST":     "400 403 403 403 403 403 400 403 400",
}
# fmt: on

# Pages whose content must show the persona's own tenant's objects: without them, finding no
# sibling's name would prove nothing. (URL name, persona) → a marker of tenant A (or K).
OWN_OBJECTS_SHOWN = {
    ("task_list", "secretariat"): "GLA-task",
    ("task_list", "commune_secretariat"): "PKU-task",
    ("task_create", "secretariat"): "GLA-agency",
    ("task_export", "leader"): "GLA-task",
    ("task_template", "agency_officer"): "GLA-agency",
    ("import_list", "secretariat"): "GLA-import",
    ("confirmation_queue", "secretariat"): "GLA-T1",
    ("extension_queue", "secretariat"): "GLA-extension",
    ("dashboard", "leader"): "GLA-agency",
    ("meeting_list", "leader"): "GLA-meeting",
    ("document_list", "leader"): "GLA-document",
    ("indicator_list", "leader"): "GLA-indicator",
    ("communes:commune_list", "finance"): "GLA-commune",
    ("communes:review_queue", "reviewer"): "GLA-request-submitted",
    ("communes:finance_queue", "finance"): "GLA-request-approved",
    ("communes:programme_list", "finance"): "GLA-programme",
    ("report_list", "leader"): "GLA-committee",
    ("notifications:list", "agency_officer"): "GLA-notification",
    ("notifications:list", "commune_secretariat"): "PKU-notification",
    ("api_task_list", "agency_officer"): "GLA-task",
    ("api_commune_request_list", "reviewer"): "GLA-request-approved",
    ("api_committee_list", "leader"): "GLA-committee",
    ("api_agency_list", "leader"): "GLA-agency",
    ("api_meeting_list", "leader"): "GLA-meeting",
    ("api_document_list", "leader"): "GLA-document",
    ("api_indicator_list", "leader"): "GLA-indicator",
    ("api_extension_list", "secretariat"): "GLA-extension",
    ("api_commune_list", "finance"): "GLA-commune",
    ("api_programme_list", "finance"): "GLA-programme",
    ("api_notification_list", "agency_officer"): "GLA-notification",
}
# The same for object pages, on the persona's own tenant's object: the allocate form's
# programmes, the import preview's agency mapper, a received task's own progress.
OWN_OBJECTS_SHOWN_ON_OBJECT = {
    ("communes:request_detail GET", "finance"): "GLA-programme",
    ("import_preview GET", "secretariat"): "GLA-agency",
    ("task_detail GET", "secretariat"): "GLA-central-note",
}

# Cells found wrong in code this package may not change (see the report of issue 9), as
# (row or list URL, persona) → reason. Strict: they fail once fixed, so the mark goes too.
KNOWN_WRONG: dict[tuple[str, str], str] = {}


def test_every_url_is_classified():
    urls = walk_urls()
    classified = set(OBJECT_URLS) | set(LIST_PAGES) | set(SKIPPED)
    missing = []
    for name, params in sorted(urls.items()):
        if name.split(":")[0] in SKIPPED_NAMESPACES or name in classified:
            continue
        where = "OBJECT_URLS (with a builder)" if params else "LIST_PAGES"
        if UNNAMED in name:
            where = "urls.py: give it a name, then " + where
        missing.append(f"{name} (parameters {sorted(params) or 'none'}): add it to {where}")
    assert not missing, "URLs missing from the isolation matrix:\n" + "\n".join(missing)
    stale = sorted(classified - set(urls))
    assert not stale, f"Classified URLs the resolver no longer knows: {stale}"
    for name in OBJECT_URLS:
        assert urls[name], f"{name} takes no parameters: list it in LIST_PAGES"
    for name in LIST_PAGES:
        assert not urls[name], f"{name} takes parameters: list it in OBJECT_URLS"


def _object_cases():
    for row in OBJECT_EXPECTED:
        for persona in PERSONA_NAMES:
            marks = []
            if (row, persona) in KNOWN_WRONG:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[(row, persona)])]
            yield pytest.param(row, persona, id=f"{row.replace(' ', '-')}-{persona}", marks=marks)


def _list_cases():
    for name in LIST_EXPECTED:
        for persona in PERSONA_NAMES:
            marks = []
            if (name, persona) in KNOWN_WRONG:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[(name, persona)])]
            yield pytest.param(name, persona, id=f"{name}-{persona}", marks=marks)


def test_the_tables_cover_every_url_and_method():
    rows = {f"{name} {method}" for name, t in OBJECT_URLS.items() for method in t.methods}
    assert set(OBJECT_EXPECTED) == rows
    assert set(LIST_EXPECTED) == set(LIST_PAGES) | {f"{n} {m}" for n, m in LIST_WRITES.items()}
    for row, groups in OBJECT_EXPECTED.items():
        assert [len(g) for g in groups.split()] == [len(TENANTS)] * len(PERSONA_NAMES), row
    for name, statuses in LIST_EXPECTED.items():
        assert len(statuses.split()) == len(PERSONA_NAMES), name


def observe(world, client: Client, name: str, method: str, persona: str) -> list:
    """The answers for one persona on the objects of tenants A, B, C, K (None: no object)."""
    client.force_login(world.personas[persona])
    target = OBJECT_URLS[name]
    answers = []
    for key in TENANTS:
        kwargs = target.build(world.tenants[key])
        if kwargs is None:
            answers.append(None)
            continue
        answers.append(fetch(client, method, url_for(name, kwargs), api=target.api))
    return answers


TENANT_NAMES = {
    "A": "A (own province)",
    "B": "B (sibling province)",
    "C": "C (central committee)",
    "K": "K (commune committee under A)",
}
STATUS_OF = {code: status for status, code in CODES.items()}


@pytest.mark.parametrize(("row", "persona"), list(_object_cases()))
def test_object_url(world, db, client, row, persona):
    name, method = row.rsplit(" ", 1)
    expected = OBJECT_EXPECTED[row].split()[PERSONA_NAMES.index(persona)]
    answers = observe(world, client, name, method, persona)
    problems = []
    for key, want, answer in zip(TENANTS, expected, answers, strict=True):
        where = f"{method} {name} as {persona} on the object of tenant {TENANT_NAMES[key]}"
        if answer is None:
            if want != NO_OBJECT:
                problems.append(f"{where}: the test data has no such object")
            continue
        if answer.code != want:
            got = f"{answer.code} ({answer.status})"
            if answer.error is not None:
                got += f" {answer.error!r}"
            problems.append(f"{where}: expected {want} ({STATUS_OF.get(want)}), got {got}")
        if key == "B" and persona not in SEES_EVERY_PROVINCE and answer.status in (200, 302):
            problems.append(f"{where}: the sibling's object answered {answer.status}")
        if persona not in SEES_EVERY_PROVINCE and (names := leaked(world, persona, answer.body)):
            problems.append(f"{where}: the answer names the sibling's {', '.join(names)}")
    own = OWN_OBJECTS_SHOWN_ON_OBJECT.get((row, persona))
    if own is not None:
        body = " ".join(a.body for a in answers if a is not None)
        if own not in body:
            problems.append(f"{method} {name} as {persona}: the own {own} is missing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "persona"), list(_list_cases()))
def test_list_page(world, db, client, name, persona):
    expected = int(LIST_EXPECTED[name].split()[PERSONA_NAMES.index(persona)])
    row = name  # a list page, or "<name> <method>" for a write to a list URL
    method, api = LIST_PAGES[row] if row in LIST_PAGES else (row.split()[1], True)
    name = row.split()[0]
    client.force_login(world.personas[persona])
    answer = fetch(client, method, url_for(name, None), api=api)
    where = f"{method} {name} as {persona}"
    assert answer.error is None, f"{where}: {answer.error!r}"
    assert answer.status == expected, f"{where}: expected {expected}, got {answer.status}"
    if persona not in SEES_EVERY_PROVINCE:
        names = leaked(world, persona, answer.body)
        assert not names, f"{where}: the page names the sibling province's {', '.join(names)}"
    if (own := OWN_OBJECTS_SHOWN.get((row, persona))) is not None:
        assert own in answer.body, f"{where}: the persona's own {own} is missing"


def test_those_who_see_every_province_do_see_the_sibling(world, db, client):
    """The administrator and the central reader are the exceptions above, by design."""
    for persona in sorted(SEES_EVERY_PROVINCE):
        client.force_login(world.personas[persona])
        body = fetch(client, "GET", url_for("task_list", None)).body
        assert "DLK-task" in body, persona


def test_anonymous_users_are_sent_to_log_in_or_refused(world, db):
    client = Client()
    urls = [(name, None, LIST_PAGES[name][1]) for name in LIST_PAGES]
    a = world.tenants["A"]
    urls += [(name, t.build(a), t.api) for name, t in OBJECT_URLS.items()]
    for name, kwargs, api in urls:
        url = url_for(name, kwargs)
        for method in ("GET", "POST"):
            answer = fetch(client, method, url, api=api)
            if api:
                assert answer.status in (401, 403), f"{method} {name}: {answer.status}"
            else:
                assert answer.status == 302, f"{method} {name}: {answer.status}"


def test_the_admin_is_for_administrators_only(world, db, client):
    """The admin namespace is skipped above: it lists every committee, by design, to
    administrators, and answers 403 to everyone else."""
    b = world.tenants["B"]
    urls = [
        url_for("admin:index", None),
        url_for("admin:tasks_task_changelist", None),
        url_for("admin:tasks_task_change", {"object_id": b.obj["task"].pk}),
        url_for("admin:communes_fundingprogramme_change", {"object_id": b.obj["programme"].pk}),
    ]
    for persona in PERSONA_NAMES:
        client.force_login(world.personas[persona])
        for url in urls:
            status = fetch(client, "GET", url).status
            assert status == (200 if persona == "administrator" else 403), (persona, url)
