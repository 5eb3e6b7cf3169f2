"""The appendix parsers on the real Kampen document: every figure, every printed total, and broken input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.housing.domain import PipelineKind, RentClass
from woonafspraken.housing.parsing import (
    AppendixFormatError,
    check_pipeline,
    check_stock,
    looks_like_pipeline,
    looks_like_stock,
    match_name,
    parse_count,
    parse_pipeline,
    parse_stock,
)

QD, LOW, HIGH, BEN, ABOVE = RentClass
# (EGW, MGW, printed total) per rent class, exactly as Bijlage 1 prints them.
KAMPEN_STOCK = {
    "Beter Wonen IJsselmuiden": {
        QD: (15, 92, 107),
        LOW: (443, 295, 738),
        HIGH: (109, 27, 136),
        BEN: (40, 11, 51),
        ABOVE: (0, 4, 4),
    },
    "deltaWonen": {
        QD: (145, 389, 534),
        LOW: (821, 1547, 2368),
        HIGH: (679, 291, 970),
        BEN: (376, 96, 472),
        ABOVE: (75, 13, 88),
    },
    "Totaal corporaties Kampen": {
        QD: (160, 481, 641),
        LOW: (1264, 1842, 3106),
        HIGH: (788, 318, 1106),
        BEN: (416, 107, 523),
        ABOVE: (75, 17, 92),
    },
}
KAMPEN_STOCK_TOTALS = {
    "Beter Wonen IJsselmuiden": (607, 429, 1036),
    "deltaWonen": (2096, 2336, 4432),
    "Totaal corporaties Kampen": (2703, 2765, 5468),
}
KAMPEN_PROJECTS = {
    "Beter Wonen IJsselmuiden": {
        "Sonnenbergkwartier": ({2023: 10}, 10),
        "Trekschuit": ({2022: 18}, 18),
        "Fuite": ({2023: 25, 2024: 25}, 50),
        "Drostenstraat": ({2022: 24, 2023: 24}, 48),
        "Erfgenamenstraat": ({2024: 18, 2025: 18, 2026: 18}, 54),
        "Zalk": ({2023: 4}, 4),
        "Zandbergstraat": ({2024: 14}, 14),
    },
    "deltaWonen": {
        "Prinsenstraat": ({2022: 3}, 3),
        "Hanzewijk cluster 5": ({2023: 60}, 60),
        "Bibliotheek kampen": ({2023: 29}, 29),
        "Molenstraat-vloeddijk": ({2023: 25}, 25),
        "SK2 appartementen": ({2022: 32}, 32),
        "Groene burelen": ({2023: 10}, 10),
        "Anjer/Rozenstraat": ({2023: 31}, 31),
        "Bovenkwartier": ({2026: 20}, 20),
        "Marktgang": ({2024: 12}, 12),
        "Reeve fase 1": ({2025: 35}, 35),
        "Reeve claim BPD": ({2025: 18}, 18),
        "Hanzewijk Scala": ({2023: 10}, 10),
    },
}
KAMPEN_WITHDRAWALS = {
    "Beter Wonen IJsselmuiden": {
        ("Sloop woningen", PipelineKind.DEMOLITION): ({2022: -24, 2023: -18, 2024: -18, 2025: -18}, -78),
        ("Verkoop woningen", PipelineKind.SALE): ({y: -7 for y in range(2022, 2027)}, -35),
    },
    "deltaWonen": {
        ("Sloop", PipelineKind.DEMOLITION): ({y: 0 for y in range(2022, 2027)}, 0),
        ("Verkoop (5-15 woningen pj)", PipelineKind.SALE): ({y: -10 for y in range(2022, 2027)}, -50),
    },
}
# What Bijlage 2 prints as subtotals and balances: (what, year or None, value).
KAMPEN_PRINTED = {
    "Beter Wonen IJsselmuiden": [
        ("new_build", None, 198),
        ("withdrawals", None, -113),
        *(("balance", y, v) for y, v in zip(range(2022, 2027), (11, 38, 32, -7, 11), strict=True)),
        ("balance", None, 85),
    ],
    "deltaWonen": [
        ("new_build", None, 285),
        ("withdrawals", None, -50),
        *(("balance", y, v) for y, v in zip(range(2022, 2027), (25, 155, 2, 43, 10), strict=True)),
        ("balance", None, 235),
    ],
    "Totaal Beter Wonen IJsselmuiden en deltaWonen": [
        ("balance", None, 320),
        ("new_build", None, 483),
        ("withdrawals", None, -163),
    ],
}


def appendices(text: str) -> tuple[tuple[str, str], tuple[str, str]]:
    first, second = parse_document(text).appendices
    return (first.title, "\n".join(first.lines)), (second.title, "\n".join(second.lines))


def test_bijlage_1_every_figure_and_printed_total(kampen_text: str):
    (title, text), _ = appendices(kampen_text)
    stock = parse_stock(title, text)
    assert stock.date == dt.date(2021, 7, 1)
    read = {
        block.heading: {line.rent_class: (line.egw, line.mgw, line.printed_total) for line in block.lines}
        for block in stock.blocks
    }
    assert read == KAMPEN_STOCK
    totals = {
        block.heading: (block.printed_egw, block.printed_mgw, block.printed_total) for block in stock.blocks
    }
    assert totals == KAMPEN_STOCK_TOTALS
    assert [block.is_total for block in stock.blocks] == [False, False, True]
    limits = {line.rent_class: line.printed_limit for line in stock.blocks[0].lines}
    assert limits[QD] == Decimal("442.46") and limits[ABOVE] == Decimal("752.33")
    check = check_stock(stock)
    assert check.checked == 34  # 3 x (5 row totals + 3 column totals) + 5 x 2 sums over corporations
    assert check.mismatches == ()


def test_bijlage_2_every_project_withdrawal_subtotal_and_balance(kampen_text: str):
    _, (title, text) = appendices(kampen_text)
    pipeline = parse_pipeline(title, text)
    assert pipeline.years == (2022, 2023, 2024, 2025, 2026)
    corporations = {block.heading.rsplit(", ", 1)[-1]: block for block in pipeline.corporation_blocks}
    assert set(corporations) == set(KAMPEN_PROJECTS)
    for name, block in corporations.items():
        assert {
            line.label: (dict(line.per_year), line.printed_total) for line in block.projects
        } == KAMPEN_PROJECTS[name]
        assert [line.label for line in block.projects] == list(KAMPEN_PROJECTS[name])  # document order
        assert {
            (line.label, line.kind): (dict(line.per_year), line.printed_total) for line in block.withdrawals
        } == KAMPEN_WITHDRAWALS[name]
    for block in pipeline.blocks:
        key = block.heading.rsplit(", ", 1)[-1] if not block.is_total else block.heading
        assert [(p.what, p.year, p.value) for p in block.printed] == KAMPEN_PRINTED[key]
    assert sum(block.new_build() for block in pipeline.corporation_blocks) == 483
    assert sum(block.withdrawn() for block in pipeline.corporation_blocks) == 163
    check = check_pipeline(pipeline)
    assert check.checked == 42
    assert check.mismatches == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Totaal woningen\t\t607\t429\t1.036",
            "Totaal woningen\t\t607\t429\t1.037",
            "Bijlage 1, Beter Wonen IJsselmuiden, Totaal woningen, kolom Totaal: in het document staat 1.037, "
            "opgeteld is het 1.036.",
        ),
        (
            "Lage aftoppingsgrens\t€ 633,25\t821\t1.547\t2.368",
            "Lage aftoppingsgrens\t€ 633,25\t821\t1.547\t2.369",
            "Bijlage 1, deltaWonen, Lage aftoppingsgrens, kolom Totaal: in het document staat 2.369, "
            "opgeteld is het 2.368.",
        ),
        (
            "Jongerengrens\t€ 442,46\t160\t481\t641",
            "Jongerengrens\t€ 442,46\t161\t481\t642",
            "Bijlage 1, Totaal corporaties Kampen, Jongerengrens, kolom EGW (som van de corporaties): "
            "in het document staat 161, opgeteld is het 160.",
        ),
    ],
)
def test_a_wrong_printed_stock_total_is_named_with_its_place(
    kampen_text: str, old: str, new: str, message: str
):
    assert old in kampen_text
    (title, text), _ = appendices(kampen_text.replace(old, new, 1))
    mismatches = [str(m) for m in check_stock(parse_stock(title, text)).mismatches]
    assert message in mismatches


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Fuite\t\t25\t25\t\t\t50",
            "Fuite\t\t25\t25\t\t\t51",
            "Bijlage 2, Beter Wonen IJsselmuiden, Fuite, kolom Totaal: in het document staat 51, opgeteld is het 50.",
        ),
        (
            "<i>Totaal nieuwbouw</i> 285",
            "<i>Totaal nieuwbouw</i> 286",
            "Bijlage 2, deltaWonen, Totaal nieuwbouw, totaal: in het document staat 286, opgeteld is het 285.",
        ),
        (
            "Saldo nieuwbouw en onttrekkingen\t11\t38\t32",
            "Saldo nieuwbouw en onttrekkingen\t11\t39\t32",
            "Bijlage 2, Beter Wonen IJsselmuiden, Saldo nieuwbouw en onttrekkingen, kolom 2023: in het document "
            "staat 39, opgeteld is het 38.",
        ),
        (
            "Nieuwbouw\t\t\t\t\t\t483",
            "Nieuwbouw\t\t\t\t\t\t480",
            "Bijlage 2, Totaal Beter Wonen IJsselmuiden en deltaWonen, Nieuwbouw, totaal: in het document staat "
            "480, opgeteld is het 483.",
        ),
    ],
)
def test_a_wrong_printed_pipeline_total_is_named_with_its_place(
    kampen_text: str, old: str, new: str, message: str
):
    assert old in kampen_text
    _, (title, text) = appendices(kampen_text.replace(old, new, 1))
    assert message in [str(m) for m in check_pipeline(parse_pipeline(title, text)).mismatches]


def test_unreadable_cells_and_headings_give_the_place():
    header = "Corporatie A\t\t\t\t\nHuurprijsgrens woningen\tGrens\tEGW\tMGW\tTotaal\n"
    with pytest.raises(
        AppendixFormatError, match="Bijlage 1, Corporatie A, Jongerengrens, kolom MGW: 'veel'"
    ):
        parse_stock("voorraad per 1 juli 2023", header + "Jongerengrens\t€ 1\t5\tveel\t5\n")
    with pytest.raises(AppendixFormatError, match="geen geldige peildatum"):
        parse_stock("woningvoorraad", header + "Jongerengrens\t€ 1\t5\t5\t10\n")
    with pytest.raises(AppendixFormatError, match="staat er twee keer in"):
        parse_stock("per 1-7-2023", header + "Jongerengrens\t\t5\t5\t10\nJongerengrens\t\t5\t5\t10\n")
    with pytest.raises(AppendixFormatError, match="negatief"):
        parse_stock("per 1-7-2023", header + "Jongerengrens\t\t-5\t5\t0\n")
    with pytest.raises(AppendixFormatError, match="geen naam van een corporatie"):
        parse_stock(
            "per 1-7-2023", "Huurprijsgrens woningen\tGrens\tEGW\tMGW\tTotaal\nJongerengrens\t\t1\t1\t2\n"
        )
    pipeline = (
        "Woningbouwprogrammering, Corporatie A\t\t\t\nLocatie\t\t\t\n\t2030\t2031\tTotaal\nNieuwbouw\t\t\t\n"
        "Dorp\t5\tvijf\t10\n"
    )
    with pytest.raises(AppendixFormatError, match="Bijlage 2, Corporatie A, Dorp, kolom 2031: 'vijf'"):
        parse_pipeline("planning", pipeline)


def test_another_document_in_the_same_format():
    """Other corporations, other years, a liberalisation line and a subtotal printed per year."""
    text = "\n".join(
        [
            "Woningbouwprogrammering Gemeente Voorbeeldstad, Woonstichting Thuis\t\t\t\t",
            "Locatie\tWoningen per jaar\t\t\t",
            "\t2027\t2028\t2029\tTotaal",
            "Nieuwbouw\t\t\t\t",
            "Noord\t10\t\t5\t15",
            "Zuid\t\t20\t\t20",
            "Totaal nieuwbouw\t10\t20\t5\t35",
            "Onttrekkingen\t\t\t\t",
            "Liberalisatie\t-2\t-2\t-2\t-6",
            "Verkoop\t-1\t\t\t-1",
            "Saldo\t7\t18\t3\t28",
        ]
    )
    assert looks_like_pipeline(text) and not looks_like_stock(text)
    pipeline = parse_pipeline("planning 2027-2029", text)
    [block] = pipeline.blocks
    assert pipeline.years == (2027, 2028, 2029)
    assert [line.kind for line in block.withdrawals] == [PipelineKind.LIBERALISATION, PipelineKind.SALE]
    check = check_pipeline(pipeline)
    assert check.mismatches == () and check.checked == 4 + 4 + 4


def test_appendices_in_another_shape_are_not_taken_for_housing_tables():
    text = "Woonstichting Thuis\t1.200\t\t\nWoonGoed Oosterhout\t3.400\t\t"
    assert not looks_like_stock(text) and not looks_like_pipeline(text)
    assert not looks_like_pipeline("Locatie\t2023\t2024\nNoord\t20\t30")


def test_counts_and_names():
    assert parse_count("1.036") == 1036 and parse_count("-24") == -24 and parse_count("") is None
    with pytest.raises(ValueError):
        parse_count("1,5")
    candidates = [(1, "Beter Wonen IJsselmuiden", ("Beter Wonen",)), (2, "deltaWonen", ())]
    assert match_name("Woningbouwprogrammering Gemeente Kampen, Beter Wonen IJsselmuiden", candidates) == 1
    assert match_name("DELTAWONEN", candidates) == 2
    assert match_name("Beter Wonen", candidates) == 1
    assert match_name("Woonstichting Anders", candidates) is None
    assert match_name("deltaWonenplus", candidates) is None
