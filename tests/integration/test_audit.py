from django.urls import reverse

from cymuned.audit.changes import changes_for


def rename(unit, name, user):
    unit.name_en = name
    unit._history_user = user
    unit.save()


def test_changes_name_who_when_before_and_after(world):
    rename(world.ll, "Llanelli Town", world.editor)
    changes = changes_for(world.ll)
    assert [c.action for c in changes] == ["changed", "created"]
    latest = changes[0]
    assert latest.who == "editor"
    assert [(f.field, f.before, f.after) for f in latest.fields] == [("name (English)", "Llanelli", "Llanelli Town")]


def test_history_page_is_scoped_by_roles(client, world):
    rename(world.ll, "Llanelli Town", world.editor)
    client.force_login(world.outsider)
    assert client.get(reverse("audit:index")).status_code == 403
    client.force_login(world.other_editor)
    assert "Llanelli Town" not in client.get(reverse("audit:index")).content.decode()
    client.force_login(world.admin)
    page = client.get(reverse("audit:index"), {"model": "orgs.OrgUnit", "user": "editor"}).content.decode()
    assert "Llanelli Town" in page and "editor" in page
    page = client.get(reverse("audit:object", args=["orgs.OrgUnit", world.ll.pk])).content.decode()
    assert "Llanelli</strong>" not in page and "Llanelli → Llanelli Town" in page


def test_a_deleted_record_keeps_its_history(client, world):
    from cymuned.orgs.models import OrgUnit

    unit = OrgUnit.objects.create(code="TMP", kind="cluster", name_en="Temporary")
    pk = unit.pk
    unit.delete()
    client.force_login(world.admin)
    page = client.get(reverse("audit:object", args=["orgs.OrgUnit", pk])).content.decode()
    assert "deleted" in page and "created" in page
