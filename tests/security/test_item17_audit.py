"""Issue 10, item 17: who changed what is recorded on every route: imports run from the command
line with --user, runs from their start (so a killed run is seen), the admin's log in backups, and
who revoked a provider link."""

import gzip
import json
from datetime import datetime

import time_machine
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cymuned.backups import archive
from cymuned.imports.models import ImportRun
from cymuned.organisation.importers import PracticeImporter
from cymuned.orgs.models import OrgUnit
from cymuned.outcomes import links
from cymuned.outcomes.models import MeasureValue, ReturnLink


def test_command_line_practice_import_records_the_user(world, tmp_path):
    path = tmp_path / "practices.csv"
    path.write_text("ods_code,name,cluster,list_size,list_size_date\nW00001,Surgery,AG,5000,2025-01-01\n")
    call_command("import", "practices", str(path), "--user", "editor", stdout=None)
    practice = OrgUnit.objects.get(code="W00001")
    assert practice.history.get().history_user == world.editor
    assert ImportRun.objects.get().user == world.editor


def test_command_line_measure_value_import_records_the_user(filled, world, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("project_code,period,measure,category,value\nAG-PAIN,2025-26-Q1,referrals,,12\n")
    call_command("import", "measure-values", str(path), "--user", "editor", stdout=None)
    assert MeasureValue.objects.get().history.get().history_user == world.editor


def test_a_run_is_recorded_when_it_starts(world, monkeypatch):
    during = {}
    real = PracticeImporter.write

    def write(self, parsed):
        during["run"] = ImportRun.objects.values("outcome", "finished_at").get()
        return real(self, parsed)

    monkeypatch.setattr(PracticeImporter, "write", write)
    PracticeImporter().run(b"ods_code,name,cluster,list_size,list_size_date\nW00001,S,AG,1,2025-01-01\n", "p.csv")
    assert during["run"] == {"outcome": "running", "finished_at": None}  # a run killed here stays so
    run = ImportRun.objects.get()
    assert run.outcome == "applied" and run.started_at <= run.finished_at


def test_backups_keep_the_admin_log(world, tmp_path):
    LogEntry.objects.create(
        user=world.admin,
        content_type=ContentType.objects.get_for_model(OrgUnit),
        object_id=str(world.ag.pk),
        object_repr=str(world.ag),
        action_flag=ADDITION,
        change_message="added",
    )
    target = tmp_path / "backup.json.gz"
    archive.backup(target)
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    assert document["counts"]["admin.LogEntry"] == 1
    assert [o for o in document["objects"] if o["model"] == "admin.logentry"]


@time_machine.travel(datetime(2025, 7, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(0)))
def test_revoking_a_link_records_who(client, filled, world):
    links.issue(filled["expected"], world.editor)
    client.force_login(world.editor)
    client.post(reverse("outcomes:revoke_links", args=["AG-PAIN", "2025-26-Q1"]))
    link = ReturnLink.objects.get()
    assert link.revoked_at is not None and link.revoked_by == world.editor
