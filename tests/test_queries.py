"""Questions in time on the real data, and the queries of the package and of a Dataset."""

from __future__ import annotations

import datetime as dt

import pytest

from peru_diplomacy import (
    EventKind,
    InvalidDateError,
    PartialDate,
    Period,
    Region,
    Status,
    active_on,
    all_relations,
    by_region,
    established_between,
    ever_broken,
    inactive_on,
    packaged_dataset,
    predecessors_of,
    relations_with,
    statuses_on,
    successions,
    successors_of,
    timeline,
    uncertain_on,
)


@pytest.mark.parametrize(
    ("country", "when", "status"),
    [
        ("Japan", "1945-01-01", Status.INACTIVE),
        ("Japan", "1960-01-01", Status.ACTIVE),
        ("Japan", dt.date(1942, 1, 23), Status.ACTIVE),
        ("Japan", dt.date(1942, 1, 24), Status.INACTIVE),
        ("Japan", "1942", Status.UNCERTAIN),
        ("Japan", "1945", Status.INACTIVE),
        ("Cuba", "1965-06-01", Status.INACTIVE),
        ("Cuba", "1980", Status.ACTIVE),
        ("Turkey", "1952-06-01", Status.UNCERTAIN),
        ("Turkey", "1953-01-01", Status.ACTIVE),
        ("Turkey", "1951-12-31", Status.INACTIVE),
        ("Turkey", PartialDate(1952, 12, 31), Status.ACTIVE),
        ("Algeria", "1966-09-15", Status.UNCERTAIN),
        ("Algeria", "1966-10", Status.ACTIVE),
        ("GDR", "1980", Status.ACTIVE),
        ("GDR", "1990-06-01", Status.ACTIVE),  # the table ends it in "1990"; the GDR ended 3 October 1990
        ("GDR", "1990-10-02", Status.ACTIVE),
        ("GDR", "1990-10-03", Status.INACTIVE),
        ("GDR", "1991-01-01", Status.INACTIVE),
        ("Russia", "1916-06-01", Status.ACTIVE),
        ("Russia", "1917-06-01", Status.UNCERTAIN),  # the Empire ended in 1917, day unknown
        ("Russia", "1918-06-01", Status.INACTIVE),  # no state of the lineage existed
        ("Russia", "1950", Status.INACTIVE),
        ("Russia", "1991-12-26", Status.ACTIVE),
        ("Taiwan", "1971-11-02", Status.INACTIVE),
        ("China", "1971-11-02", Status.ACTIVE),
        ("Yemen", "2000", Status.UNCERTAIN),
    ],
)
def test_status_on_real_data(country: str, when: str | dt.date | PartialDate, status: Status) -> None:
    assert relations_with(country).status_on(when) is status


def test_counterpart_on_follows_the_lineage() -> None:
    czech = relations_with("Czechoslovakia")
    assert czech.counterpart_on("1970-01-01").name == "Czechoslovakia"
    assert czech.counterpart_on("2000-01-01").name == "Czech Republic"
    assert czech.counterpart_on("1992-12-31").name == "Czechoslovakia"
    assert czech.counterpart_on("1993-01-01").name == "Czech Republic"  # the lists' day, not the table's 2 January
    assert [c.name for c in czech.counterparts_on("1993-01")] == ["Czech Republic"]
    assert [c.name for c in relations_with("Russia").counterparts_on("1991-12")] == ["Soviet Union", "Russia"]
    assert czech.counterpart.name == "Czech Republic"
    russia = relations_with("USSR")
    assert russia.counterpart_on("1900").name == "Russian Empire"
    assert russia.counterpart_on("1980").name == "Soviet Union"
    assert russia.counterpart_on("2000").name == "Russia"
    assert relations_with("Chile").counterpart_on("1900").name == "Chile"


def test_the_sahrawi_periods() -> None:
    sadr = relations_with("Sahrawi Arab Democratic Republic")
    assert sadr.periods == (
        Period(start=PartialDate(1987, 5, 5), end=PartialDate(1996, 9, 9)),
        Period(start=PartialDate(2021, 9, 8), end=PartialDate(2022, 8, 18)),
        Period(start=PartialDate(2022, 9, 15), end=PartialDate(2023, 9, 8)),  # suspended again (EFE, cited)
    )
    assert sadr.status_on("2000") is Status.INACTIVE
    assert sadr.status_on("2022-09-01") is Status.INACTIVE
    assert sadr.status_on("2023-01-01") is Status.ACTIVE


def test_range_questions() -> None:
    japan = relations_with("Japan")
    assert japan.status_at_any_time("1942", "1942") is Status.ACTIVE
    assert japan.status_throughout("1942", "1942") is Status.INACTIVE
    assert japan.status_throughout("1943", "1951") is Status.INACTIVE
    assert japan.status_at_any_time("1943", "1951") is Status.INACTIVE
    assert japan.status_throughout("1970", "1979") is Status.ACTIVE
    turkey = relations_with("Turkey")
    assert turkey.status_at_any_time("1952", "1952") is Status.ACTIVE  # 31 December 1952 at the latest
    assert turkey.status_throughout("1952", "1960") is Status.UNCERTAIN
    with pytest.raises(InvalidDateError, match="ends before it starts"):
        japan.status_throughout("1980", "1970")


def test_active_inactive_uncertain_partition_the_relations() -> None:
    for when in ("1900-01-01", "1952", "1966-09", "1990-06-15", "2023-05-01"):
        groups = [active_on(when), inactive_on(when), uncertain_on(when)]
        ids = [r.id for group in groups for r in group]
        assert sorted(ids) == sorted(r.id for r in all_relations())
        statuses = statuses_on(when)
        for status, group in zip(Status, groups, strict=True):
            assert all(statuses[r.id] is status for r in group)


def test_active_on_counts() -> None:
    assert len(active_on("1800-01-01")) == 0
    assert relations_with("Japan") not in active_on("1945-01-01")
    assert relations_with("Japan") in active_on(dt.date(1960, 1, 1))
    # 189, less 5 undated, the GDR, Taiwan and Libya (suspended 2011, cited). Italy's unrestored 1942 break
    # is contested only up to COW's next representation (1950), so Italy is active; Denmark, a row without
    # a date, is active from its first evidence (COW, 1950).
    assert len(active_on("2023-05-01")) == 181
    assert len(uncertain_on("2023-05-01")) == 5  # the five rows without a date or any evidence


def test_by_region() -> None:
    assert [len(by_region(r)) for r in Region] == [44, 34, 46, 49, 16]
    assert by_region("europe") == by_region(Region.EUROPE)  # type: ignore[arg-type]  # any case at run time
    with pytest.raises(ValueError, match="unknown region 'Antarctica'"):
        by_region("Antarctica")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        by_region(3)  # type: ignore[arg-type]


def test_established_between() -> None:
    names = [r.counterpart.name for r in established_between("2017", "2017")]
    assert names == ["Benin", "Rwanda", "Togo", "Cook Islands"]
    assert relations_with("Turkey") in established_between("1952", "1952")
    assert relations_with("Turkey") not in established_between("1952-01", "1952-06")
    assert relations_with("Russia") in established_between("1969", "1969")  # the USSR's establishment


def test_timeline_is_sorted_and_filtered() -> None:
    events = timeline()
    assert len(events) == 249  # 206 of the table, 43 cited from other sources (events.tsv, ruptures.tsv, COW)
    keys = [t.event.date.sort_key() for t in events]
    assert keys == sorted(keys)
    broken = timeline(kinds=[EventKind.BROKEN])
    assert {t.relation.counterpart.name for t in broken} == {
        "Chile",  # ruptures.tsv: 1910 (FRUS)
        "Germany",  # ruptures.tsv: the German Reich, 1917
        "Japan",
        "Romania",
        "Poland",
        "Czech Republic",
        "Cuba",
        "Taiwan",
        "Sahrawi Arab Democratic Republic",
        "Libya",  # these three from other sources, cited
        "Mexico",
        "Venezuela",
    }
    assert [t.event.date.isoformat() for t in timeline(region="Oceania", first="2012", last="2012")] == [
        "2012-03-14",
        "2012-03-29",
    ]
    with pytest.raises(ValueError, match="'bogus' is not a valid EventKind"):
        timeline(kinds=["bogus"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="a list of event kinds"):
        timeline(kinds="broken")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ends before it starts"):
        timeline(first="1990", last="1950")


def test_ever_broken_and_successions() -> None:
    assert len(ever_broken()) == 12
    assert [(s.predecessor.id, s.successor.id, str(s.date)) for s in successions()] == [
        ("DDDE", "DEU", "1990"),
        ("SUHH", "RUS", "1991-12-26"),
        ("CSHH", "CZE", "1993-01-02"),
    ]
    assert [c.name for c in successors_of("Czechoslovakia")] == ["Czech Republic"]
    assert [c.name for c in successors_of("Soviet Union")] == ["Russia"]
    assert [c.name for c in successors_of("East Germany")] == ["Germany"]
    assert [c.name for c in predecessors_of("Germany")] == ["German Democratic Republic", "German Reich"]
    assert [c.name for c in predecessors_of("Russia")] == ["Soviet Union", "Russian Empire"]
    assert successors_of("Chile") == ()


def test_a_dataset_answers_the_same_questions() -> None:
    data = packaged_dataset()
    assert data.relations_with("Chile") is relations_with("Chile")
    assert data.active_on("1970") == active_on("1970")
    assert data.get("CHL") is relations_with("CHL")
    assert data.get("nope") is None


def test_successors_and_predecessors_follow_the_lineages_transitively() -> None:
    # Yugoslavia -> Serbia and Montenegro -> Serbia carried over with no recorded act (#28, item 8).
    from peru_diplomacy import predecessors_of, successors_of

    assert [c.name for c in successors_of("Yugoslavia")] == ["Serbia and Montenegro", "Serbia"]
    assert [c.name for c in predecessors_of("Serbia")] == ["Serbia and Montenegro", "Yugoslavia"]
    assert [c.name for c in predecessors_of("Colombia")] == ["Gran Colombia"]
    assert [c.name for c in successors_of("GDR")] == ["Germany"]


def test_the_time_questions_warn_past_the_horizon_at_the_caller_s_line() -> None:
    import warnings

    from peru_diplomacy import BeyondHorizonWarning, packaged_dataset

    for ask in (packaged_dataset().statuses_on, packaged_dataset().active_on):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ask("2030-01-01")
        (warning,) = caught
        assert warning.category is BeyondHorizonWarning and warning.filename == __file__


def test_a_timeline_may_be_bounded_on_one_side_only() -> None:
    from peru_diplomacy import timeline

    since = timeline(first="2020")
    assert since and all(t.event.date.year >= 2020 for t in since)
    until = timeline(last="1830")
    assert until and all(t.event.date.year <= 1830 for t in until)


def test_a_timeline_s_bounds_are_inclusive_to_the_day() -> None:
    from peru_diplomacy import timeline

    (cuba,) = timeline(first="1905-01-11", last="1905-01-11")  # Cuba's establishment, on both bounds
    assert (cuba.relation.id, cuba.event.kind.value) == ("CUB", "established")


def test_a_code_lookup_reads_its_own_list_and_names_the_latest_holder() -> None:
    import pytest

    from peru_diplomacy import UnknownCountryError, relations_with

    # Yemen: COW 679 from 1990 (COW 678 was the Yemen Arab Republic); GW keeps 678 and has no 679.
    assert relations_with(679, system="cow").id == "YEM"
    with pytest.raises(UnknownCountryError, match=r"^no country matches 679: did you mean GW 678 \(YEM"):
        relations_with(679, system="gw")
    # COW 710 was held by the Qing Empire and the Republic of China (the Taiwan row) and is China's today.
    assert relations_with(710, system="cow").id == "CHN"
