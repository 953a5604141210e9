"""The role groups exist in every database (not only where the demo was loaded) and the admin
says, in Vietnamese, what each one is and may do."""

from django.contrib.auth.models import Group
from django.urls import reverse

from steering.authz import CAPABILITIES, Role


def test_every_role_of_the_capability_table_has_its_group_without_the_demo(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    assert set(CAPABILITIES) == set(Role.values)


def test_the_admin_lists_the_roles_with_their_vietnamese_names_and_capabilities(
    client_for, administrator
):
    html = client_for(administrator).get(reverse("admin:auth_group_changelist")).content.decode()
    assert "Thư ký / Tổ giúp việc" in html and "Lãnh đạo" in html


def test_only_administrators_open_the_admin(client_for, secretariat, leader):
    for user in (secretariat, leader):
        assert client_for(user).get(reverse("admin:auth_group_changelist")).status_code == 403
