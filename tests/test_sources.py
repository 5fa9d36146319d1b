"""Other sources: pinned to data/updates and data/crosswalk; amendments; the contest layer."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import (
    AmendmentError,
    Confidence,
    InvalidEventSequenceError,
    NoRelationError,
    PartialDate,
    Relation,
    Status,
    all_relations,
    packaged_dataset,
    relations_with,
)
from peru_diplomacy.relation import contest_span

from .cli_run import in_process

ROOT = Path(__file__).resolve().parent.parent
UPDATES = ROOT / "data" / "updates"
RELATIONS = all_relations()


def _tsv(name: str) -> list[dict[str, str]]:
    with (UPDATES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


EVENTS = _tsv("events.tsv")
SUPERSEDED: dict[str, str] = tomllib.loads((UPDATES / "horizon.toml").read_text(encoding="utf-8"))["superseded"]


def _superseded(row: dict[str, str]) -> bool:
    return f"{row['country']} {row['date']}" in SUPERSEDED


def _relation(row: dict[str, str]) -> Relation:
    return relations_with(row["iso3"] if row["iso3"] != "-" else row["country"])


@pytest.mark.parametrize("row", [r for r in EVENTS if r["confidence"] == "high"], ids=lambda r: r["country"])
def test_every_high_confidence_event_is_an_event_with_its_citation(row: dict[str, str]) -> None:
    relation = _relation(row)
    (event,) = [e for e in relation.events if not e.from_table and e.date.isoformat() == row["date"]]
    assert event.kind.value == row["kind"]
    assert event.confidence is Confidence.HIGH
    assert event.citation is not None
    assert event.citation.text == row["source"]
    assert event.citation.quote == row["quote"]
    assert event.citation.also == row["second_source"]
    assert event.citation.url is not None and event.citation.url in row["source"]
    assert relation.status_on(PartialDate.fromisoformat(row["date"]).latest + dt.timedelta(days=1)) is Status.INACTIVE


@pytest.mark.parametrize("row", [r for r in EVENTS if _superseded(r)], ids=lambda r: r["country"])
def test_a_superseded_row_is_a_remark_naming_what_supersedes_it(row: dict[str, str]) -> None:
    relation = _relation(row)
    remark = next(r for r in relation.remarks if r.startswith(f"events.tsv, {row['kind']} {row['date']} "))
    assert "superseded" in remark and "ruptures.tsv" in remark
    assert not any(row["source"] in [x.text for x in c.citations] for c in relation.contests)


@pytest.mark.parametrize(
    "row", [r for r in EVENTS if r["confidence"] != "high" and not _superseded(r)], ids=lambda r: r["country"]
)
def test_every_weaker_event_contests_its_span(row: dict[str, str]) -> None:
    relation = _relation(row)
    assert all(e.from_table for e in relation.events if e.date.isoformat() == row["date"])
    first = PartialDate.fromisoformat(row["date"].split("/")[0])
    contest = next(c for c in relation.contests if row["source"] in [x.text for x in c.citations])
    assert contest.start.earliest <= first.earliest
    # A weaker report never makes a day certain: a break's first day is contested; a restoration's first
    # day is contested, or inactive where a stronger source dates the restoration later in it (Chile, 1928).
    if row["kind"] == "broken":
        assert relation.status_on(first.earliest) is Status.UNCERTAIN
    else:
        assert relation.status_on(first.earliest) is not Status.ACTIVE


CONTESTED_BY_COW = [  # from data/crosswalk/README.md, read by the rule "DE = 1 where the table says inactive"
    ("Sweden", 1904),
    ("Sweden", 1920),
    ("Sweden", 1935),
    ("Italy", 1854),
    ("Italy", 1869),
    ("Spain", 1854),
    ("Norway", 1920),
    ("Malta", 1965),
    ("Malta", 1975),
    ("Indonesia", 1965),
    ("New Zealand", 1970),
    ("Algeria", 1965),
    ("Tunisia", 1965),
    ("Czechoslovakia", 1960),
    ("Russia", 1930),
]


@pytest.mark.parametrize(("country", "year"), CONTESTED_BY_COW)
def test_cow_contested_years(country: str, year: int) -> None:
    relation = relations_with(country)
    assert any(
        c.source == "COW Diplomatic Exchange v2006.1" and c.start.year <= year < c.end.year  # type: ignore[union-attr]
        for c in relation.contests
    )
    assert relation.status_on(str(year)) is Status.UNCERTAIN
    assert relation.status_on(f"{year}-07-01") is Status.UNCERTAIN


def test_cow_years_the_table_agrees_with_are_not_contested() -> None:
    assert relations_with("Sweden").status_on("1950") is Status.ACTIVE  # DE = 1 and the table's relations stand
    assert relations_with("Angola").status_on("1975") is Status.INACTIVE  # DE = 0: nothing to contest


def test_africa_rows_follow_version_2_of_the_key() -> None:
    africa = {r.source.row: r for r in RELATIONS if r.region.value == "Africa"}
    assert [africa[n].counterpart.name for n in range(3, 10)] == [
        "Benin",
        "Burkina Faso",
        "Cameroon",
        "Cape Verde",
        "Central African Republic",
        "Chad",
        "Comoros",
    ]
    assert africa[3].attribution.confidence is Confidence.MEDIUM
    assert [s.id for s in africa[4].attribution.alternatives] == ["BWA"]
    assert [s.id for s in africa[5].attribution.alternatives] == ["BFA", "BDI"]
    assert all(s.cow_code is not None for r in RELATIONS for s in r.attribution.alternatives)
    counts = {c: sum(r.attribution.confidence is c for r in RELATIONS) for c in Confidence}
    assert counts == {Confidence.HIGH: 83, Confidence.MEDIUM: 86, Confidence.LOW: 20}  # the Germany row twice


def test_botswana_names_the_row_it_might_be() -> None:
    with pytest.raises(NoRelationError) as caught:
        relations_with("Botswana")
    assert str(caught.value) == (
        "the source records no diplomatic relation between Peru and Botswana by name, but Africa row 4 "
        "(May 5 1989) is read as Burkina Faso with low confidence, may be Botswana"
    )
    with pytest.raises(NoRelationError, match=r"Africa row 5 .* may be Burundi; Africa row 6"):
        relations_with("Burundi")


def test_the_venezuela_note_is_a_cited_remark_not_an_event() -> None:
    venezuela = relations_with("Venezuela")
    assert not [e for e in venezuela.events if e.date.year == 2021]
    assert any("never broke relations" in r and "class987fm.com" in r for r in venezuela.remarks)
    (withdrawal,) = [m for m in venezuela.measures if m.date == PartialDate(2017, 3, 31)]
    assert "no implica" in withdrawal.citation.quote
    assert venezuela.status_on("2019") is Status.ACTIVE


def test_the_horizon_moved_to_the_research_window() -> None:
    data = packaged_dataset()
    assert str(data.horizon) == "2026-03"
    assert "March 2026" in data.metadata.horizon_note
    assert data.metadata.source_revision == "2023-05"
    assert all(r.horizon == data.horizon for r in RELATIONS)
    assert relations_with("Mexico").status_on("2026-03-31") is Status.INACTIVE
    assert relations_with("Mexico").status_on("2026-04-01") is Status.UNCERTAIN
    assert relations_with("Chile").status_on("2026-01") is Status.ACTIVE


# -- the contest layer -------------------------------------------------------------------------

DAYS = st.integers(dt.date(1800, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal()).map(dt.date.fromordinal)
CONTESTED = [r for r in RELATIONS if r.contests]


@given(st.sampled_from(CONTESTED), DAYS)
def test_statuses_outside_contested_spans_are_unchanged(relation: Relation, day: dt.date) -> None:
    plain = attrs.evolve(relation, contests=())
    inside = any(lo <= day.toordinal() < hi for lo, hi in map(contest_span, relation.contests))
    if inside:
        assert relation.status_on(day) in (Status.UNCERTAIN, Status.INACTIVE)
        if relation.counterparts_on(day):
            assert relation.status_on(day) is Status.UNCERTAIN
    else:
        assert relation.status_on(day) is plain.status_on(day)


# -- amendments ---------------------------------------------------------------------------------


def test_an_empty_amendment_gives_an_equal_dataset(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing\n", encoding="utf-8")
    data = packaged_dataset()
    for mine in (data.amended(empty), data.amended([])):
        assert mine.relations == data.relations
        assert mine.names == data.names
        assert mine.metadata.digest == ""  # a dataset not yet written has no digest
        assert attrs.evolve(mine.metadata, digest=data.metadata.digest) == data.metadata


AMENDABLE = [r for r in RELATIONS if r.events and r.periods and r.periods[-1].is_open][:60]


@given(st.sampled_from(AMENDABLE), st.integers(1, 28))
def test_amending_changes_only_the_relation_named(relation: Relation, day: int) -> None:
    data = packaged_dataset()
    mine = data.amended(
        [{"type": "event", "country": relation.id, "kind": "broken", "date": f"2026-02-{day:02d}", "source": "mine"}]
    )
    for before, after in zip(data.relations, mine.relations, strict=True):
        if before.id == relation.id:
            assert after.status_on(f"2026-02-{day:02d}") is Status.INACTIVE
            assert after.events[-1].citation is not None and after.events[-1].citation.text == "mine"
        else:
            assert after == before
    assert relation.status_on(f"2026-02-{day:02d}") is not Status.INACTIVE or relation.contests


def test_an_amendment_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        """
[[event]]
country = "Mexico"
kind = "restored"
date = "2027-01-15"
source = "A communiqué, 2027-01-15, https://example.org/restored"

[[attribution]]
country = "Burkina Faso"
confidence = "medium"
evidence = "A treaty text names Burkina Faso."
source = "Treaty series, vol. 1"

[[contest]]
country = "Chile"
start = "1891"
end = "1892"
reason = "A source says relations were suspended in 1891."
source = "A history of Chile"

[[relation]]
country = "Bhutan"
region = "Asia"
kind = "established"
date = "2026-01-20"
source = "A joint communiqué, 2026-01-20"
""",
        encoding="utf-8",
    )
    data = packaged_dataset().amended(path)
    mexico = data.relations_with("Mexico")
    assert mexico.status_on("2027-01-15") is Status.ACTIVE and str(mexico.horizon) == "2027-01-15"
    assert mexico.status_on("2027-02-01") is Status.UNCERTAIN  # after the relation's new horizon
    assert data.relations_with("Burkina Faso").attribution.confidence is Confidence.MEDIUM
    assert data.relations_with("Burkina Faso").attribution.override is not None
    assert data.relations_with("Chile").status_on("1891-06") is Status.UNCERTAIN
    bhutan = data.relations_with("Bhutan")
    assert bhutan.status_on("2026-02-01") is Status.ACTIVE and bhutan.region.value == "Asia"
    assert len(data.relations) == 190
    assert packaged_dataset().relations_with("Mexico").status_on("2027-02-01") is Status.UNCERTAIN


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            '[[event]]\ncountry = "Chle"\nkind = "broken"\ndate = "2024"\nsource = "x"\n',
            AmendmentError,
            r"mine.toml, line 2, field country: no country matches 'Chle': did you mean Chile\?",
        ),
        (
            '[[event]]\ncountry = "Japan"\nkind = "restored"\ndate = "2024"\nsource = "x"\n',
            InvalidEventSequenceError,
            r"mine.toml, line 1: relation JPN: event 5 \(restored 2024, Japan\) restores relations that are active",
        ),
        (
            '[[event]]\ncountry = "Japan"\nkind = "broken"\ndate = "1942-01-24"\nsource = "x"\n',
            AmendmentError,
            r"line 4, field date: relation JPN already has this event",
        ),
        (
            '[[event]]\ncountry = "Japan"\nkind = "broken"\ndate = "2024"\n',
            AmendmentError,
            r"line 1, field source: missing citation",
        ),
        (
            '[[event]]\ncountry = "Japan"\nkind = "broken"\ndate = "2024"\nsource = "x"\ncolour = "red"\n',
            AmendmentError,
            r"line 6, field colour: unknown field",
        ),
        (
            '[[event]]\ncountry = "Japan"\nkind = "broken"\ndate = "2024-13"\nsource = "x"\n',
            AmendmentError,
            r"line 4, field date: month 13 is out of range",
        ),
        ('[[treaty]]\ncountry = "Japan"\n', AmendmentError, r"line 1: unknown amendment 'treaty'"),
        ("[[event]\n", AmendmentError, r"not valid TOML"),
    ],
)
def test_bad_amendments(tmp_path: Path, text: str, error: type[Exception], message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error, match=message):
        packaged_dataset().amended(path)


def test_a_bad_amendment_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[event]]\ncountry = "Mexico"\nkind = "restored"\ndate = "2026-01"\nsource = "x"\n\n'
        '[[event]]\ncountry = "Nowhere"\nkind = "broken"\ndate = "2026"\nsource = "x"\n',
        encoding="utf-8",
    )
    data = packaged_dataset()
    with pytest.raises(AmendmentError, match="line 8"):
        data.amended(path)
    assert data.relations_with("Mexico").status_on("2026-02") is Status.INACTIVE


def test_the_command_line_takes_amendments(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[event]]\ncountry = "Mexico"\nkind = "restored"\ndate = "2026-02-20"\nsource = "My source"\n',
        encoding="utf-8",
    )
    run = ["--amend", str(path)]
    shown = in_process(*run, "show", "Mexico").stdout
    assert "restored     Mexico  [other source, high confidence: user amendment]" in shown
    added = tmp_path / "added.toml"
    added.write_text(
        '[[relation]]\ncountry = "Bhutan"\nregion = "Asia"\nkind = "established"\ndate = "2026-01"\nsource = "S"\n',
        encoding="utf-8",
    )
    bhutan = in_process("--amend", str(added), "show", "Bhutan").stdout
    assert "source:      your amendment, not the table (Asia)" in bhutan and "row 0" not in bhutan
    listed = in_process(*run, "list", "--active-on", "2026-02-25", "--json")
    assert "MEX" in listed.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[event]]\ncountry = "Chle"\n', encoding="utf-8")
    failed = subprocess.run(  # a real process: its status and stderr as a shell sees them
        [sys.executable, "-m", "peru_diplomacy", "--amend", str(bad), "show", "Chile"], capture_output=True, text=True
    )
    assert failed.returncode == 3
    assert failed.stderr.startswith("peru-diplomacy: ") and "Traceback" not in failed.stderr


@pytest.mark.parametrize("relation", CONTESTED, ids=lambda r: r.id)
def test_every_contested_span_is_uncertain(relation: Relation) -> None:
    for contest in relation.contests:
        lo, hi = contest_span(contest)
        for ordinal in {lo, (lo + min(hi, lo + 4000)) // 2}:
            day = dt.date.fromordinal(ordinal)
            expected = Status.UNCERTAIN if relation.counterparts_on(day) else Status.INACTIVE
            assert relation.status_on(day) is expected, (relation.id, day)


@pytest.mark.parametrize("year", [1870, 1900, 1916, 1921, 1940])
def test_cow_representation_with_the_german_reich_is_the_lineage_s_history(year: int) -> None:
    # COW records representation 1869-1940, which the table (from 1951) does not: it is the German Reich's
    # history (ruptures.tsv: broken October 1917, restored 1920), evidence from COW's first year on.
    germany = relations_with("Germany")
    assert germany.status_on(str(year)) is Status.ACTIVE
    assert germany.counterpart_on(str(year)).name == "German Reich"
    assert not any(c.source == "COW Diplomatic Exchange v2006.1" for c in germany.contests)
