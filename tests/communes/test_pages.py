import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.money import format_amount
from communes import services
from communes.models import Commune, InvestmentRequest, Survey
from communes.workflow import Action, Status
from steering.models import Agency
from tests.communes.conftest import REQUESTED, TO_ALLOCATED, TO_APPROVED
from tests.factories import AgencyFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(rows, title="Trang bị máy tính", **extra):
    data = {
        "title": title,
        "justification": "Phục vụ Trung tâm Phục vụ hành chính công",
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for i, row in enumerate(rows):
        data.update({f"items-{i}-{k}": v for k, v in row.items()})
    return data


def test_commune_officer_files_a_request_with_line_items_and_a_quotation(
    client_for, commune_officer, pleiku
):
    client = client_for(commune_officer)
    url = reverse("communes:request_create", args=[pleiku.pk])
    assert client.get(url).status_code == 200
    rows = [
        {
            "category": "computers",
            "description": "Máy tính",
            "quantity": "10",
            "unit_price": "18.000.000",
        },
        {
            "category": "scanners",
            "description": "Máy quét",
            "quantity": "2",
            "unit_price": "25 000 000 ₫",
        },
        {
            "category": "cameras",
            "description": "Bỏ dòng này",
            "quantity": "1",
            "unit_price": "1",
            "DELETE": "on",
        },
    ]
    data = form_data(rows, files=SimpleUploadedFile("bao-gia.pdf", PDF))
    response = client.post(url, data)
    investment = InvestmentRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("communes:request_detail", args=[investment.pk])
    assert investment.requested_amount == REQUESTED and investment.items.count() == 2
    attachment = investment.attachments.get()
    download = client.get(reverse("communes:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_bad_lines_redisplay_the_form_with_the_fields_errors_and_save_nothing(
    client_for, commune_officer, pleiku
):
    client = client_for(commune_officer)
    rows = [
        {"category": "computers", "description": "Máy tính", "quantity": "0", "unit_price": "-5"},
    ]
    response = client.post(reverse("communes:request_create", args=[pleiku.pk]), form_data(rows))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Số lượng phải ít nhất là 1." in content
    assert "Đơn giá phải lớn hơn 0 đồng." in content
    assert not InvestmentRequest.objects.exists()


def test_a_quotation_that_is_not_what_its_name_says_is_refused(client_for, commune_officer, pleiku):
    rows = [{"category": "computers", "description": "Máy", "quantity": "1", "unit_price": "1"}]
    fake = SimpleUploadedFile("bao-gia.pdf", b"MZ\x90\x00 not a pdf")
    response = client_for(commune_officer).post(
        reverse("communes:request_create", args=[pleiku.pk]), form_data(rows, files=fake)
    )
    assert response.status_code == 400 and "bao-gia.pdf" in response.content.decode()
    assert not InvestmentRequest.objects.exists()


def test_the_add_line_button_gets_a_new_row_and_the_next_form_count(client_for, commune_officer):
    response = client_for(commune_officer).get(
        reverse("communes:line_item_row"), {"items-TOTAL_FORMS": "3"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert 'name="items-3-quantity"' in content
    assert 'id="id_items-TOTAL_FORMS"' in content and 'value="4"' in content


def test_a_commune_officer_cannot_open_another_communes_form_or_request(
    client_for, ia_grai_officer, make_request, pleiku
):
    draft = make_request()
    client = client_for(ia_grai_officer)
    assert client.get(reverse("communes:request_create", args=[pleiku.pk])).status_code == 404
    assert client.get(reverse("communes:request_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("communes:request_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("communes:commune_detail", args=[pleiku.pk])).status_code == 404
    url = reverse("communes:request_act", args=[draft.pk, "submit"])
    assert client.post(url).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_request_page_offers_each_user_only_their_own_next_steps(
    client_for, make_request, advance, commune_officer, reviewer, finance
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    url = reverse("communes:request_detail", args=[investment.pk])
    for_reviewer = client_for(reviewer).get(url).content.decode()
    for step in ("approve", "return", "reject"):
        assert reverse("communes:request_act", args=[investment.pk, step]) in for_reviewer
    for_finance = client_for(finance).get(url).content.decode()
    assert "/act/" not in for_finance
    for_commune = client_for(commune_officer).get(url).content.decode()
    assert "/act/" not in for_commune


def test_a_refused_step_redisplays_the_page_with_the_message_and_changes_nothing(
    client_for, make_request, advance, reviewer
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    url = reverse("communes:request_act", args=[investment.pk, "approve"])
    response = client_for(reviewer).post(url, {"approve-approved_amount": "100.000.000"})
    assert response.status_code == 400
    assert "Nêu lý do phê duyệt thấp hơn số đề xuất." in response.content.decode()
    investment.refresh_from_db()
    assert investment.status == Status.UNDER_REVIEW and investment.approved_amount is None


def test_a_step_taken_is_confirmed_in_words_an_office_would_use(
    client_for, make_request, advance, reviewer
):
    investment = advance(make_request(), Action.SUBMIT, Action.START_REVIEW)
    url = reverse("communes:request_act", args=[investment.pk, "approve"])
    amount = f"{investment.requested_amount:,}".replace(",", ".")
    response = client_for(reviewer).post(url, {"approve-approved_amount": amount}, follow=True)
    page = response.content.decode()
    assert "Đã phê duyệt đề xuất." in page and "đã thực hiện" not in page


def test_a_step_by_the_wrong_role_is_forbidden(client_for, make_request, advance, finance):
    investment = advance(make_request(), Action.SUBMIT)
    url = reverse("communes:request_act", args=[investment.pk, "start_review"])
    assert client_for(finance).post(url).status_code == 403
    investment.refresh_from_db()
    assert investment.status == Status.SUBMITTED


def test_finance_allocates_over_the_remainder_and_is_told_what_is_left(
    client_for, make_request, advance, finance, programme
):
    programme.total = 100_000_000
    programme.save()
    investment = advance(make_request(), *TO_APPROVED)
    url = reverse("communes:request_act", args=[investment.pk, "allocate"])
    data = {
        "allocate-programme": programme.pk,
        "allocate-amount": str(REQUESTED),
        "allocate-decision_number": "12/QĐ-UBND",
        "allocate-decided_on": "01/09/2025",
    }
    response = client_for(finance).post(url, data)
    assert response.status_code == 400
    assert "100.000.000" in response.content.decode()
    investment.refresh_from_db()
    assert investment.status == Status.APPROVED
    response = client_for(finance).post(url, {**data, "allocate-amount": "100.000.000"})
    assert response.status_code == 302
    assert InvestmentRequest.objects.get().allocation.amount == 100_000_000


def test_finance_records_a_payment_on_the_request_page(client_for, make_request, advance, finance):
    investment = advance(make_request(), *TO_ALLOCATED)
    url = reverse("communes:disbursement_create", args=[investment.pk])
    data = {"amount": "300.000.000", "paid_on": "20/09/2025", "reference": "UNC-1"}
    response = client_for(finance).post(url, data)
    assert response.status_code == 400 and "230.000.000" in response.content.decode()
    response = client_for(finance).post(url, {**data, "amount": "30.000.000"})
    assert response.status_code == 302
    assert investment.allocation.disbursements.get().amount == 30_000_000


def test_reviewer_queue_lists_what_waits_for_review(
    client_for, make_request, advance, reviewer, commune_officer
):
    waiting = advance(make_request(title="Chờ thẩm định"), Action.SUBMIT)
    make_request(title="Bản nháp riêng")
    response = client_for(reviewer).get(reverse("communes:review_queue"))
    content = response.content.decode()
    assert waiting.title in content and "Bản nháp riêng" not in content
    assert client_for(commune_officer).get(reverse("communes:review_queue")).status_code == 403


def test_commune_page_shows_survey_history_money_and_the_communes_tasks(
    client_for,
    secretariat,
    pleiku,
    make_task,
    commune_agency,
    agency_b,
    make_request,
    advance,
    reviewer,
):
    make_task("Thành lập Ban Chỉ đạo cấp xã", leads=[commune_agency], deadline="15/8/2025")
    make_task("Việc của sở khác", leads=[agency_b])
    base = {
        "computers": 20,
        "computers_over_5_years": 15,
        "scanners": 1,
        "printers": 4,
        "has_lan": False,
        "cameras": 0,
        "trained_staff": 3,
    }
    services.survey_record(
        commune=pleiku,
        user=reviewer,
        surveyed_on=date(2025, 7, 18),
        bandwidth_mbps=100,
        service_centre_ready=False,
        **base,
    )
    services.survey_record(
        commune=pleiku,
        user=reviewer,
        surveyed_on=date(2025, 3, 20),
        bandwidth_mbps=30,
        service_centre_ready=False,
        **base,
    )
    advance(make_request(), *TO_ALLOCATED)
    pleiku.refresh_from_db()
    assert pleiku.latest_survey.surveyed_on == date(2025, 7, 18)

    content = (
        client_for(secretariat)
        .get(reverse("communes:commune_detail", args=[pleiku.pk]))
        .content.decode()
    )
    assert "Thành lập Ban Chỉ đạo cấp xã" in content and "Việc của sở khác" not in content
    assert "18/07/2025" in content and "20/03/2025" in content
    assert "230.000.000\u00a0₫" in content and "230 triệu đồng" in content


def build_communes(n, start):
    for i in range(start, start + n):
        agency = AgencyFactory(name=f"Ủy ban nhân dân xã Thử {i}", kind=Agency.Kind.COMMUNE)
        commune = Commune.objects.create(
            code=30000 + i,
            name=f"Xã Thử {i}",
            kind=Commune.Kind.COMMUNE,
            province_code=52,
            province_name="Gia Lai",
            agency=agency,
            committee=agency.committee,
            search_text=f"xa thu {i}",
        )
        Survey.objects.create(
            commune=commune,
            surveyed_on=date(2025, 7, 1),
            computers=5,
            computers_over_5_years=1,
            scanners=1,
            printers=1,
            bandwidth_mbps=100,
            has_lan=True,
            cameras=1,
            service_centre_ready=i % 2 == 0,
            trained_staff=1,
        )
        Commune.objects.filter(pk=commune.pk).update(latest_survey=commune.surveys.get())


def test_commune_list_queries_do_not_grow_with_the_number_of_communes(
    client_for, secretariat, django_assert_max_num_queries
):
    client = client_for(secretariat)
    build_communes(2, 0)
    url = reverse("communes:commune_list")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    build_communes(20, 2)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("Xã Thử") == 22


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"gap": "centre_not_ready"}, {"Xã Ia Grai"}),
        ({"money": "allocated"}, {"Phường Pleiku"}),
        ({"money": "none"}, {"Xã Ia Grai"}),
        ({"status": "allocated"}, {"Phường Pleiku"}),
        ({"q": "pleiku"}, {"Phường Pleiku"}),
        ({"q": "Ia Grai"}, {"Xã Ia Grai"}),
    ],
)
def test_commune_list_filters(
    query, expected, client_for, secretariat, pleiku, ia_grai, make_request, advance, reviewer
):
    advance(make_request(), *TO_ALLOCATED)
    base = {
        "computers": 5,
        "computers_over_5_years": 1,
        "scanners": 1,
        "printers": 1,
        "bandwidth_mbps": 100,
        "has_lan": True,
        "cameras": 1,
        "trained_staff": 1,
    }
    services.survey_record(
        commune=pleiku,
        user=reviewer,
        surveyed_on=date(2025, 7, 1),
        service_centre_ready=True,
        **base,
    )
    services.survey_record(
        commune=ia_grai,
        user=reviewer,
        surveyed_on=date(2025, 7, 1),
        service_centre_ready=False,
        **base,
    )
    response = client_for(secretariat).get(reverse("communes:commune_list"), query)
    names = {c.name for c in response.context["page"]}
    assert names == expected


def test_a_commune_officer_lands_on_their_commune_and_agency_officers_get_none(
    client_for, commune_officer, officer_a, pleiku, ia_grai
):
    client = client_for(commune_officer)
    response = client.get(reverse("communes:commune_list"))
    assert response.status_code == 302
    assert response.url == reverse("communes:commune_detail", args=[pleiku.pk])
    filtered = client.get(reverse("communes:commune_list"), {"q": "Ia"})
    assert [c.name for c in filtered.context["page"]] == []
    assert client_for(officer_a).get(reverse("communes:commune_list")).status_code == 403


def test_programme_page_figures_match_the_database_and_draw_a_chart(
    client_for, leader, make_request, advance, finance, programme
):
    investment = advance(make_request(), *TO_ALLOCATED)
    services.disbursement_create(
        allocation=investment.allocation,
        user=finance,
        amount=30_000_000,
        paid_on=date(2025, 9, 10),
        reference="UNC-1",
    )
    response = client_for(leader).get(reverse("communes:programme_detail", args=[programme.pk]))
    figures = response.context["figures"]
    assert (figures.total, figures.allocated, figures.disbursed) == (
        1_000_000_000,
        REQUESTED,
        30_000_000,
    )
    content = response.content.decode()
    assert "<svg" in content and "770.000.000\u00a0₫" in content and "1 tỷ đồng" in content


def test_only_readers_of_all_communes_see_programmes(client_for, commune_officer, programme):
    url = reverse("communes:programme_detail", args=[programme.pk])
    assert client_for(commune_officer).get(url).status_code == 403


def test_reviewer_records_a_survey(client_for, reviewer, commune_officer, pleiku):
    url = reverse("communes:survey_create", args=[pleiku.pk])
    data = {
        "surveyed_on": "18/07/2025",
        "computers": "20",
        "computers_over_5_years": "5",
        "scanners": "2",
        "printers": "3",
        "bandwidth_mbps": "100",
        "cameras": "0",
        "trained_staff": "4",
        "notes": "",
    }
    assert client_for(commune_officer).post(url, data).status_code == 403
    assert client_for(reviewer).post(url, data).status_code == 302
    pleiku.refresh_from_db()
    assert pleiku.latest_survey.computers == 20 and not pleiku.latest_survey.has_lan


def test_readers_see_only_the_communes_of_their_committees_province(
    client_for, other_committee, pleiku
):
    from django.urls import reverse

    from steering.authz import Role
    from tests.factories import make_user

    other_committee.province_code = 1  # Hà Nội: none of its communes are loaded here
    other_committee.save()
    reviewer = make_user("other_reviewer", Role.REVIEWER, other_committee)
    client = client_for(reviewer)
    assert client.get(reverse("communes:commune_detail", args=[pleiku.pk])).status_code == 404
    assert pleiku.name not in client.get(reverse("communes:commune_list")).content.decode()


def test_programme_pages_show_only_communes_of_the_readers_province(
    client_for, other_committee, finance, programme, make_request, advance
):
    from django.urls import reverse

    from steering.authz import Role
    from tests.communes.conftest import TO_ALLOCATED
    from tests.factories import make_user

    request = advance(make_request(), *TO_ALLOCATED)
    programme_url = reverse("communes:programme_detail", args=[request.allocation.programme_id])
    assert client_for(finance).get(programme_url).status_code == 200
    other_committee.province_code = 1
    other_committee.save()
    outsider = make_user("other_finance", Role.FINANCE, other_committee)
    client = client_for(outsider)
    assert client.get(programme_url).status_code == 404
    assert programme.name not in client.get(reverse("communes:programme_list")).content.decode()


def test_reviewer_reads_the_line_items_before_deciding_from_the_requested_amount(
    client_for, reviewer, make_request, advance
):
    investment = make_request()
    advance(investment, Action.SUBMIT, Action.START_REVIEW)

    page = (
        client_for(reviewer)
        .get(reverse("communes:request_detail", args=[investment.pk]))
        .content.decode()
    )

    assert page.index('id="h-items"') < page.index('id="h-actions"')
    amount = re.search(r'name="approve-approved_amount"[^>]*value="([^"]*)"', page)
    assert amount, "the approval form has no prefilled amount"
    assert amount.group(1) == format_amount(investment.requested_amount)
