"""Issue 10, item 10: text in a chart (a period, a name) cannot end the data block or hide the page
after it, and measure-value periods are checked on import."""

import pytest

from cymuned import charts
from cymuned.imports.base import ImportRejected
from cymuned.imports.registry import importer_class
from cymuned.outcomes.models import MeasureValue


@pytest.mark.parametrize("hostile", ["<!--", "</script><script>alert(1)</script>", "<script>", "a & b >"])
def test_chart_data_is_escaped(hostile):
    markup = charts.embed("chart-1", charts.spec({"data": {"values": [{"period": hostile}]}}, "d"))
    block = markup[markup.index('type="application/json"') :]
    data = block[block.index(">") + 1 : block.index("</script>")]
    assert "<" not in data and ">" not in data and "&" not in data
    assert markup.count("<script") == 1 and markup.count("</script>") == 1


def test_a_measure_page_with_a_stored_hostile_period_still_ends_where_it_should(client, filled, world):
    MeasureValue.objects.create(measure=filled["measure"], period="<!--", value=3)
    client.force_login(world.viewer)
    page = client.get(f"/outcomes/projects/{filled['project'].code}/").content.decode()
    assert "<!--" not in page and page.rstrip().endswith("</html>")


@pytest.mark.parametrize("period", ["<!--", "2025-26-Q5", "2025-13", "Q1 2025", "2025-26-q1x"])
def test_measure_value_periods_are_checked_on_import(filled, period):
    data = f"project_code,period,measure,category,value\nAG-PAIN,{period},referrals,,3\n".encode()
    with pytest.raises(ImportRejected) as refused:
        importer_class("measure-values")().run(data, "values.csv")
    assert any("column “period”" in line for line in refused.value.lines())
    assert not MeasureValue.objects.exists()


def test_a_quarterly_measure_takes_quarters_not_months(filled):
    data = b"project_code,period,measure,category,value\nAG-PAIN,2025-04,referrals,,3\n"
    with pytest.raises(ImportRejected) as refused:
        importer_class("measure-values")().run(data, "values.csv")
    assert refused.value.lines() == [
        "values.csv, line 2, column “period”: this measure is returned quarterly; give a quarter like 2024-25-Q4"
    ]
    ok = b"project_code,period,measure,category,value\nAG-PAIN,2025-26-Q1,referrals,,3\n"
    importer_class("measure-values")().run(ok, "values.csv")
    assert MeasureValue.objects.get().period == "2025-26-Q1"
