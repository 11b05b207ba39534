"""Two people, or two imports, at the same moment: nobody's update is silently lost and the result is
consistent. Real concurrent connections, one per thread."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from cymuned.imports.base import ImportRejected
from cymuned.portfolio.importers import ReturnImporter
from cymuned.portfolio.models import MonitoringReturn
from cymuned.portfolio.returns import StaleEdit, save_return

from .. import factories

HEADER = (
    "project_code,period,target_attainment_pct,budget_gbp,forecast_spend_gbp,milestone_delay_weeks,"
    "quality,resources,stakeholders,narrative,rag_override,override_reason\n"
)


def in_threads(*targets):
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as error:  # collected for the assertions
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_version(world):
    project = factories.project("AG-PAIN", [world.ag])
    original = factories.monitoring_return(project, "2025-26-Q1", target_attainment_pct=Decimal(100))

    def edit(narrative, user):
        def save():
            copy = MonitoringReturn.objects.get(pk=original.pk)
            copy.narrative = narrative
            return save_return(copy, user, expected_version=original.version)

        return save

    results = in_threads(edit("first", world.editor), edit("second", world.admin))
    refused = [r for r in results if isinstance(r, StaleEdit)]
    saved = [r for r in results if not isinstance(r, Exception)]
    assert len(refused) == 1 and len(saved) == 1, results
    final = MonitoringReturn.objects.get(pk=original.pk)
    assert final.narrative == saved[0].instance.narrative and final.version == original.version + 1
    assert refused[0].current.narrative == final.narrative


@pytest.mark.django_db(transaction=True)
def test_overlapping_imports_leave_a_consistent_result(world):
    for n in range(60):
        factories.project(f"P{n:02d}", [world.ag])
    first = HEADER + "".join(
        f"P{n:02d},2025-26-Q1,100,1000,1000,0,expected,none,engaged,first,,\n" for n in range(0, 40)
    )
    second = HEADER + "".join(
        f"P{n:02d},2025-26-Q1,90,1000,1000,0,expected,none,engaged,second,,\n" for n in range(20, 60)
    )
    results = in_threads(
        lambda: ReturnImporter().run(first.encode(), "first.csv"),
        lambda: ReturnImporter().run(second.encode(), "second.csv"),
    )
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, ImportRejected)], results
    returns = list(MonitoringReturn.objects.filter(period="2025-26-Q1"))
    assert len(returns) == 60 == len({r.project_id for r in returns})
    for item in returns:  # every return is wholly one file's row, and its status follows its values
        assert (item.narrative, item.target_attainment_pct, item.status) in {
            ("first", 100, "green"),
            ("second", 90, "red"),
        }
