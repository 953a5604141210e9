from django.core.management import call_command
from django.db.models import Sum

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


def snapshot():
    models = [Commune, Survey, FundingProgramme, InvestmentRequest, Allocation, Disbursement]
    return {m.__name__: m.objects.count() for m in models} | {
        "steps": TransitionLog.objects.count()
    }


def test_demo_has_gia_lais_communes_a_250_billion_programme_and_requests_at_every_stage(db):
    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    assert Commune.objects.count() == 135
    assert not Commune.objects.filter(latest_survey__isnull=True).exists()
    assert Commune.objects.filter(latest_survey__service_centre_ready=False).exists()
    programme = FundingProgramme.objects.get()
    assert programme.total == 250_000_000_000
    statuses = set(InvestmentRequest.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    figures = programme_figures(programme)
    assert figures.allocated == Allocation.objects.aggregate(s=Sum("amount"))["s"]
    assert figures.disbursed == Disbursement.objects.aggregate(s=Sum("amount"))["s"]
    assert 0 < figures.disbursed <= figures.allocated <= programme.total
    pleiku = Commune.objects.get(name="Phường Pleiku")
    assert pleiku.requests.get().status == Status.PURCHASING
    first = snapshot()

    call_command("seed_demo", "--without-tasks", stdout=open("/dev/null", "w"))
    assert snapshot() == first
