"""Editors enter content; managing user accounts and groups is for superusers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_editor_is_refused_user_management(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_sees_no_user_management_on_the_admin_index(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "auth" not in {app["app_label"] for app in response.context["app_list"]}
    assert "inspections" in {app["app_label"] for app in response.context["app_list"]}


def test_superuser_can_manage_users(admin_client):
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200
