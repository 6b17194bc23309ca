from django.urls import reverse

from core.links import reverse_pk


def test_reverse_pk_gives_what_reverse_gives():
    for pk in (1, 42, 10**9):
        assert reverse_pk("assignments:assignment_detail", pk) == reverse("assignments:assignment_detail", args=[pk])
        assert reverse_pk("assignments:directive_detail", pk) == reverse("assignments:directive_detail", args=[pk])
