"""The demo's communes: Gia Lai's 135 with a 250-billion-VND programme and requests at every
stage; Tuyên Quang's 124 with a programme of its own, handled by its own reviewer and finance."""

from django.core.management import call_command
from django.db.models import Sum

from communes.demo import TITLE
from communes.models import (
    Allocation,
    Commune,
    Disbursement,
    FundingProgramme,
    InvestmentRequest,
    Survey,
    TransitionLog,
)
from communes.selectors import programme_figures
from communes.workflow import Status
from steering.demo import GIA_LAI_NAME, TUYEN_QUANG_NAME
from steering.models import Committee


def snapshot():
    models = [Commune, Survey, FundingProgramme, InvestmentRequest, Allocation, Disbursement]
    return {m.__name__: m.objects.count() for m in models} | {
        "steps": TransitionLog.objects.count()
    }


def test_demo_communes_programmes_and_requests_per_province(db):
    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    gia_lai = Committee.objects.get(name=GIA_LAI_NAME)
    tuyen_quang = Committee.objects.get(name=TUYEN_QUANG_NAME)

    communes = Commune.objects.filter(committee=gia_lai)
    assert communes.count() == 135
    assert set(communes.values_list("agency__committee", flat=True)) == {gia_lai.pk}
    assert not communes.filter(latest_survey__isnull=True).exists()
    assert communes.filter(latest_survey__service_centre_ready=False).exists()
    programme = FundingProgramme.objects.get(committee=gia_lai, fiscal_year=2025)
    assert programme.total == 250_000_000_000
    requests = InvestmentRequest.objects.filter(commune__committee=gia_lai)
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    figures = programme_figures(programme)
    allocations = Allocation.objects.filter(programme=programme)
    assert figures.allocated == allocations.aggregate(s=Sum("amount"))["s"]
    disbursed = Disbursement.objects.filter(allocation__programme=programme)
    assert figures.disbursed == disbursed.aggregate(s=Sum("amount"))["s"]
    assert 0 < figures.disbursed <= figures.allocated <= programme.total
    pleiku = Commune.objects.get(name="Phường Pleiku")
    assert pleiku.requests.get(title=TITLE).status == Status.PURCHASING

    communes = Commune.objects.filter(committee=tuyen_quang)
    assert communes.count() == 124
    assert set(communes.values_list("province_code", flat=True)) == {8}
    assert not communes.filter(latest_survey__isnull=True).exists()
    programme = FundingProgramme.objects.get(committee=tuyen_quang)
    assert programme.managing_agency.committee == tuyen_quang
    requests = InvestmentRequest.objects.filter(commune__committee=tuyen_quang)
    assert requests.filter(status=Status.PURCHASING).exists()
    minh_xuan = Commune.objects.get(name="Phường Minh Xuân")
    assert minh_xuan.requests.get(title=TITLE).status == Status.PURCHASING
    steps = TransitionLog.objects.filter(request__in=requests)
    assert {"tq.thamdinh", "tq.taichinh"} <= set(steps.values_list("user__username", flat=True))
    assert 0 < programme_figures(programme).allocated <= programme.total
    first = snapshot()

    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    assert snapshot() == first
