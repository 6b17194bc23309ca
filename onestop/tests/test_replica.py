"""Dashboards read from a replica when there is one (core.db, DATABASE_REPLICA_URL)."""

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.db import reading_replica, replica_alias


@pytest.fixture(scope="module")
def replica(django_db_setup):
    """A second alias on the (test) database, as a streaming replica would be. Module-scoped so that it
    exists before the test's database access is set up (the test names it in `databases`)."""
    connections.settings["replica"] = dict(connections.settings["default"])
    django_settings.DATABASES["replica"] = connections.settings["replica"]
    yield connections["replica"]
    connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]
    django_settings.DATABASES.pop("replica", None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])
def test_dashboards_read_from_the_replica(replica, client, sample_data, admin_user):
    """The one-stop and oversight dashboards' figures come from the replica; the login does not."""
    client.force_login(admin_user)
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
        response = client.get("/mot-cua/", {"from": "01/01/2026", "to": "31/12/2026"})
        assert response.status_code == 200
        assert client.get("/nhiem-vu/theo-doi/").status_code == 200
    replica_sql = " ".join(q["sql"] for q in on_replica.captured_queries)
    default_sql = " ".join(q["sql"] for q in on_default.captured_queries)
    assert "onestop_dossier" in replica_sql and "assignments_assignment" in replica_sql
    assert "onestop_dossier" not in default_sql
    assert "django_session" in default_sql  # the session is read before the view, from the primary
    with reading_replica():
        assert replica_alias() == "replica"
    assert replica_alias() == "default"
