"""Factories for background objects. Objects under test are built explicitly in each test."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from steering.models import Agency, Committee, Document, Indicator, Meeting, Member, Profile


def home_province() -> Committee:
    """The provincial committee of the tests (Gia Lai's communes), under the central committee.
    Background agencies and documents belong to it unless a test says otherwise."""
    central, _ = Committee.objects.get_or_create(
        name="Ban Chỉ đạo Trung ương", parent=None, defaults={"level": Committee.Level.CENTRAL}
    )
    province, _ = Committee.objects.get_or_create(
        name="Ban Chỉ đạo tỉnh",
        parent=central,
        defaults={"level": Committee.Level.PROVINCE, "province_code": 52},
    )
    return province


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["committee", "name"]

    committee = factory.LazyFunction(home_province)
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"STN{n}")
    kind = Agency.Kind.DEPARTMENT


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Ban Chỉ đạo số {n}")
    level = Committee.Level.PROVINCE


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    committee = factory.LazyFunction(home_province)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    position_title = "Giám đốc Sở"
    role = Member.Role.MEMBER
    agency = factory.SubFactory(AgencyFactory, committee=factory.SelfAttribute("..committee"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.LazyFunction(home_province)
    title = factory.Sequence(lambda n: f"Phiên họp {n}")
    held_on = date(2025, 7, 15)
    kind = Meeting.Kind.REGULAR


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    committee = factory.LazyFunction(home_province)
    number = factory.Sequence(lambda n: f"{n}-KH/UBND")
    kind = Document.Kind.PLAN
    issued_on = date(2025, 3, 1)
    issuer = "UBND tỉnh"
    title = factory.Sequence(lambda n: f"Kế hoạch số {n}")


def make_user(username: str, role: str, committee: Committee | None, agency: Agency | None = None):
    """A user with one role (group) and a profile linking them to a committee and agency."""
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if role == "administrator":
        user.is_staff = user.is_superuser = True
        user.save()
    Profile.objects.create(user=user, committee=committee, agency=agency)
    return user


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    committee = factory.LazyFunction(home_province)
    code = factory.Sequence(lambda n: f"CT-{n:02d}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu thử {n}")
    unit = "hồ sơ"
    target_value = Decimal("1000")
    target_date = date(2025, 12, 31)
    agency = factory.SubFactory(AgencyFactory, committee=factory.SelfAttribute("..committee"))
