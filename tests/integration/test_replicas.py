"""The read-replica router (cymuned.db_routing), with the test settings' second alias `replica`
mirroring the test database: safe requests read from the replica; writes, reads after a write in
the same request, the next requests of whoever wrote, and every other method use the primary."""

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from cymuned.db_routing import PIN_COOKIE, ReplicaMiddleware
from cymuned.orgs.models import Kind, OrgUnit

from .. import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]
ROUTED = override_settings(DATABASE_ROUTERS=["cymuned.db_routing.ReplicaRouter"], DATABASE_REPLICAS=["replica"])


class Captured:
    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def _read_write_read(request):
    request.seen = [OrgUnit.objects.count()]
    OrgUnit.objects.create(code="NEW", kind=Kind.CLUSTER, name_en="New")
    request.seen.append(OrgUnit.objects.count())
    return HttpResponse("ok")


@ROUTED
def test_a_get_reads_from_the_replica():
    factories.unit(Kind.CLUSTER, "AG")
    request = RequestFactory().get("/")
    with Captured() as q:
        ReplicaMiddleware(lambda r: HttpResponse(str(OrgUnit.objects.count())))(request)
    assert len(q.replica) == 1 and len(q.primary) == 0


@ROUTED
def test_a_write_and_every_read_after_it_go_to_the_primary():
    factories.unit(Kind.CLUSTER, "AG")
    request = RequestFactory().get("/")
    with Captured() as q:
        response = ReplicaMiddleware(_read_write_read)(request)
    assert request.seen == [1, 2]  # the read after the write sees it
    replica_sql = " ".join(x["sql"] for x in q.replica)
    primary_sql = " ".join(x["sql"] for x in q.primary)
    assert len(q.replica) == 1 and "COUNT" in replica_sql.upper()
    assert "INSERT" in primary_sql.upper() and primary_sql.upper().count("SELECT COUNT") == 1
    # and the same browser reads from the primary for a while (the replica may lag)
    assert response.cookies[PIN_COOKIE]["max-age"] > 0
    pinned = RequestFactory().get("/", headers={"Cookie": f"{PIN_COOKIE}=1"})
    pinned.COOKIES[PIN_COOKIE] = "1"
    with Captured() as q:
        ReplicaMiddleware(lambda r: HttpResponse(str(OrgUnit.objects.count())))(pinned)
    assert len(q.replica) == 0 and len(q.primary) == 1


@ROUTED
def test_a_post_reads_from_the_primary():
    factories.unit(Kind.CLUSTER, "AG")
    request = RequestFactory().post("/")
    with Captured() as q:
        ReplicaMiddleware(lambda r: HttpResponse(str(OrgUnit.objects.count())))(request)
    assert len(q.replica) == 0 and len(q.primary) == 1


@ROUTED
def test_outside_a_request_everything_uses_the_primary():
    with Captured() as q:
        factories.unit(Kind.CLUSTER, "AG")
        assert OrgUnit.objects.count() == 1
    assert len(q.replica) == 0


@ROUTED
def test_the_summary_api_is_read_from_the_replica(client):
    hywel_dda = factories.unit(Kind.HEALTH_BOARD, "7A2")
    ag = factories.unit(Kind.CLUSTER, "AG", parent=hywel_dda)
    factories.monitoring_return(factories.project("HD-1", [ag]), "2025-26-Q1", target_attainment_pct=80)
    client.force_login(factories.user("viewer", {hywel_dda: "viewer"}))
    with Captured() as q:
        response = client.get("/api/v1/monitoring/summary?period=2025-26-Q1")
    assert response.status_code == 200 and response.json()["rag"]["red"] == 1
    assert len(q.replica) > 0
    assert not [x for x in q.primary if x["sql"].lstrip().upper().startswith("SELECT")]


def test_without_replicas_there_is_no_router(settings):
    assert settings.DATABASE_ROUTERS == []
