from woonafspraken.core.charts import Column, bar_chart, chart_png, chart_svg, line_chart

ROWS = [{"jaar": "2022", "aantal": 43, "doel": 80}, {"jaar": "2023", "aantal": 191, "doel": 80}]


def test_the_same_spec_feeds_the_browser_and_the_svg():
    chart = bar_chart(
        slug="nieuwbouw",
        title="Nieuwbouw sociale huur",
        description="Geplande nieuwbouw per jaar tegen het doel van 80.",
        rows=ROWS,
        x=Column("jaar", "Jaar"),
        y=Column("aantal", "Woningen", "integer"),
        target_field="doel",
    )
    spec = chart.full_spec()
    assert spec["data"]["values"] == ROWS
    assert spec["layer"][1]["mark"]["type"] == "rule"
    assert [c.label for c in chart.columns] == ["Jaar", "Woningen", "Doel"]
    assert chart.table_rows() == [["2022", 43, 80], ["2023", 191, 80]]
    svg = chart_svg(chart)
    assert svg.startswith("<svg") and "2023" in svg
    assert chart_png(chart)[:8] == b"\x89PNG\r\n\x1a\n"


def test_line_chart_with_series_and_target():
    rows = [{"kwartaal": "2024-K1", "module": "wens", "slaagkans": 4.5, "doel": 5}]
    chart = line_chart(
        slug="s",
        title="Slaagkans",
        description="d",
        rows=rows,
        x=Column("kwartaal", "Kwartaal"),
        y=Column("slaagkans", "Slaagkans (%)", "percent"),
        series=Column("module", "Module"),
        target_field="doel",
    )
    assert chart.full_spec()["layer"][0]["encoding"]["color"]["field"] == "module"
    assert "Kwartaal" in chart_svg(chart)
