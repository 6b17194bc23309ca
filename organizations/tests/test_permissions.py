"""The permission rule of organizations.permissions, through the UI and the API."""

import pytest
from django.urls import reverse

from organizations import permissions
from organizations.models import Membership


def test_officer_sees_only_own_unit_records(org, officer_a):
    assert permissions.unit_ids(officer_a, "view") == {org.a.pk}
    assert permissions.unit_ids(officer_a, "change") == {org.a.pk}
    assert permissions.unit_ids(officer_a, "manage") == set()


def test_leader_sees_everything_beneath(org, leader_root):
    assert permissions.unit_ids(leader_root, "view") == {org.root.pk, org.a.pk, org.b.pk, org.c.pk}


def test_focal_point_sees_whole_tree_only(org, focal_point):
    assert permissions.unit_ids(focal_point, "manage") == {org.root.pk, org.a.pk, org.b.pk, org.c.pk}
    assert org.x.pk not in permissions.unit_ids(focal_point, "view")


def test_viewer_cannot_change(org, viewer_c):
    assert permissions.unit_ids(viewer_c, "view") == {org.c.pk}
    assert permissions.unit_ids(viewer_c, "change") == set()


def test_superuser_is_unrestricted(admin_user):
    assert permissions.unit_ids(admin_user, "manage") is None


def test_scoped_queryset(org, officer_a, officer_b):
    qs = permissions.scoped(Membership.objects.all(), officer_a, "view")
    assert list(qs.values_list("user__username", flat=True)) == ["officer_a"]


@pytest.mark.parametrize(
    ("persona", "unit_attr", "status"),
    [
        ("officer_a", "b", 200),  # same tree: directory is readable
        ("officer_a", "x", 404),  # other tree: as if it did not exist
        ("outsider", "a", 404),
        ("leader_root", "c", 200),
        ("admin_user", "x", 200),
    ],
)
def test_unit_detail_by_guessing_url(request, client, org, persona, unit_attr, status):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(reverse("organizations:unit_detail", args=[getattr(org, unit_attr).pk])).status_code == status


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("organizations:unit_detail", args=[org.a.pk]))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_people_list_hides_other_units(client, org, officer_a, officer_b, outsider):
    client.force_login(officer_a)
    body = client.get(reverse("organizations:people")).content.decode()
    assert "officer_a" in body
    assert "officer_b" not in body
    assert "outsider" not in body


def test_non_admin_cannot_edit_units(client, org, focal_point):
    client.force_login(focal_point)
    assert client.get(reverse("organizations:unit_edit", args=[org.a.pk])).status_code == 403
    assert client.post(reverse("organizations:unit_import")).status_code == 403


# --- API -------------------------------------------------------------------------------------


def test_api_requires_login(client, org):
    assert client.get("/api/v1/organizations/units/").status_code == 403


def test_api_units_are_scoped(client, org, outsider, django_assert_max_num_queries):
    client.force_login(outsider)
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/organizations/units/").json()
    codes = {u["code"] for u in data["results"]}
    assert codes == {"R2", "X"}
    assert client.get(f"/api/v1/organizations/units/{org.a.pk}/").status_code == 404


def test_api_memberships_cannot_be_read_across_units(client, org, officer_a, officer_b):
    client.force_login(officer_a)
    other = Membership.objects.get(user=officer_b)
    assert client.get(f"/api/v1/organizations/memberships/{other.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/organizations/memberships/{other.pk}/", {"role": "leader"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_api_unit_write_is_admin_only(client, org, focal_point, admin_user):
    client.force_login(focal_point)
    url = f"/api/v1/organizations/units/{org.a.pk}/"
    assert client.patch(url, {"short_name": "Đổi"}, content_type="application/json").status_code == 403
    client.force_login(admin_user)
    response = client.patch(url, {"short_name": "Phòng Nội vụ (mới)"}, content_type="application/json")
    assert response.status_code == 200
    org.a.refresh_from_db()
    assert org.a.short_name == "Phòng Nội vụ (mới)"


def test_api_me_lists_scope(client, org, leader_root):
    client.force_login(leader_root)
    data = client.get("/api/v1/organizations/me/").json()
    assert set(data["scope"]["view"]) == {org.root.pk, org.a.pk, org.b.pk, org.c.pk}


def test_openapi_schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/organizations/units/" in response.content


def test_openapi_schema_is_valid_without_warnings(db, tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: every endpoint has a described request and response, every enum a stable name.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/onestop/imports/jobs/{id}/" in schema and "UnitKindEnum" in schema
