import pytest
from django.core.management import CommandError, call_command

from communes.models import Commune
from steering.models import Agency


def test_load_communes_loads_gia_lais_135_from_the_official_list_and_is_idempotent(committee):
    call_command("load_communes", province="Gia Lai", stdout=open("/dev/null", "w"))
    communes = Commune.objects.filter(province_code=52)
    assert communes.count() == 135
    pleiku = communes.get(name="Phường Pleiku")
    assert pleiku.kind == Commune.Kind.WARD and pleiku.province_name == "Gia Lai"
    assert pleiku.agency.name == "Ủy ban nhân dân phường Pleiku"
    assert pleiku.agency.kind == Agency.Kind.COMMUNE
    # Both belong to the committee that follows the province.
    assert pleiku.committee == committee and pleiku.agency.committee == committee
    assert communes.filter(kind=Commune.Kind.COMMUNE).count() == 110
    before = sorted(Commune.objects.values_list("code", "name", "agency_id"))
    agencies = Agency.objects.count()

    call_command("load_communes", province="gia lai", stdout=open("/dev/null", "w"))

    assert sorted(Commune.objects.values_list("code", "name", "agency_id")) == before
    assert Agency.objects.count() == agencies


def test_existing_commune_agencies_are_reused_so_their_tasks_show_on_the_commune(commune_agency):
    call_command("load_communes", province="Gia Lai", stdout=open("/dev/null", "w"))
    assert Commune.objects.get(name="Phường Pleiku").agency == commune_agency


def test_an_unknown_province_is_refused_with_its_name(db):
    with pytest.raises(CommandError, match="Atlantis"):
        call_command("load_communes", province="Atlantis")
    assert not Commune.objects.exists()


def test_load_communes_needs_the_committee_that_follows_the_province(db):
    with pytest.raises(CommandError, match="province code 52"):
        call_command("load_communes", province="Gia Lai", stdout=open("/dev/null", "w"))
    assert not Commune.objects.exists()
