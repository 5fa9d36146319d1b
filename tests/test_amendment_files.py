"""Amendment files as TOML allows them to be written, and amendment errors that say where (#17, #22)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peru_diplomacy import (
    AmendmentError,
    InvalidEventSequenceError,
    PartialDate,
    Status,
    packaged_dataset,
)

from .cli_run import in_process


def _amend(tmp_path: Path, text: str, name: str = "mine.toml") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return packaged_dataset().amended(path)


def test_a_comment_after_a_header_as_the_docs_show(tmp_path: Path) -> None:
    data = _amend(
        tmp_path,
        '[[event]]                 # an event of a relation\ncountry = "Mexico"        # any name\n'
        'kind = "restored"\ndate = "2026-10-01"   # day precision\nsource = "A communiqué"\n',
    )
    assert data.relations_with("Mexico").status_on("2026-10-01") is Status.ACTIVE  # type: ignore[attr-defined]


def test_an_inline_array_of_tables(tmp_path: Path) -> None:
    data = _amend(
        tmp_path,
        'event = [\n  {country = "Mexico", kind = "restored", date = "2026-10-01", source = "x"},\n'
        '  {country = "Chile", kind = "broken", date = "2026-10", source = "y"},\n]\n',
    )
    assert data.relations_with("Mexico").status_on("2026-10-01") is Status.ACTIVE  # type: ignore[attr-defined]
    assert data.relations_with("Chile").status_on("2026-10-31") is Status.INACTIVE  # type: ignore[attr-defined]


def test_an_error_in_an_inline_array_names_the_array_s_line(tmp_path: Path) -> None:
    with pytest.raises(AmendmentError, match=r"mine.toml, line 2, field country: no country matches 'Chle'"):
        _amend(tmp_path, '# mine\nevent = [{country = "Chle", kind = "broken", date = "2026", source = "y"}]\n')


def test_native_toml_dates_and_integer_years(tmp_path: Path) -> None:
    data = _amend(
        tmp_path,
        '[[event]]\ncountry = "Mexico"\nkind = "restored"\ndate = 2026-10-01\nsource = "x"\n\n'
        '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = 2027\nsource = "y"\n\n'
        '[[contest]]\ncountry = "Italy"\nstart = 1942-01-24T00:00:00\nend = 1950\nreason = "r"\nsource = "z"\n',
    )
    mexico = data.relations_with("Mexico")  # type: ignore[attr-defined]
    assert str(mexico.events[-1].date) == "2026-10-01"
    assert str(data.relations_with("Chile").events[-1].date) == "2027"  # type: ignore[attr-defined]
    assert str(data.relations_with("Italy").contests[-1].start) == "1942-01-24"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2027"\nsource = "   "\n',
            "line 5, field source: missing citation",
        ),
        (
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2027"\nsource = "\\t\\n"\n',
            "field source: missing citation",
        ),
        (
            '[[event]]\ncountry = "  "\nkind = "broken"\ndate = "2027"\nsource = "x"\n',
            "line 2, field country: missing value",
        ),
        (
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = 2027.5\nsource = "x"\n',
            "line 4, field date: expected a date",
        ),
        (
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = 12:00:00\nsource = "x"\n',
            "line 4, field date: expected a date",
        ),
        (
            '[[event]]\ncountry = "Chile"\nkind = "sundered"\ndate = "2027"\nsource = "x"\n',
            "line 3, field kind: use one of established",
        ),
        (
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2027"\nsource = ["x"]\n',
            "line 5, field source: expected text",
        ),
        (
            '[[contest]]\ncountry = "Italy"\nstart = "1950"\nend = "1942"\nreason = "r"\nsource = "z"\n',
            "line 4, field end: the contest must end after it starts",
        ),
        (
            '[[contest]]\ncountry = "Italy"\nstart = "1950"\nend = "1950"\nreason = "r"\nsource = "z"\n',
            "line 4, field end: the contest must end after it starts",
        ),
        ("event = 3\n", "line 1: 'event' must be tables, written \\[\\[event\\]\\] with fields below it, not int"),
        (
            "event = [1, 2]\n",
            "line 1: 'event' must be tables, written \\[\\[event\\]\\] with fields below it, not list of int",
        ),
        (
            "[event]\ncountry = 'Chile'\n",
            "line 1: 'event' must be tables, written \\[\\[event\\]\\] with fields below it, not dict",
        ),
        ("[evnt]\ncountry = 'Chile'\n", "line 1: unknown amendment 'evnt'"),
    ],
)
def test_every_amendment_rule_names_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(AmendmentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _amend(tmp_path, text)


def test_an_incoherent_history_names_the_amendment_that_made_it(tmp_path: Path) -> None:
    text = (
        '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2030"\nsource = "x"\n\n'
        '[[event]]\ncountry = "Japan"\nkind = "broken"\ndate = "2030"\nsource = "x"\n\n'
        '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2031"\nsource = "x"\n'
    )
    expected = r"mine.toml, line 13: relation CHL: event \d+ \(broken 2031, Chile\) breaks relations that are broken"
    with pytest.raises(InvalidEventSequenceError, match=expected):
        _amend(tmp_path, text)


def test_files_that_cannot_be_read_are_named(tmp_path: Path) -> None:
    with pytest.raises(AmendmentError, match=r"none.toml, line 0: cannot read the file"):
        packaged_dataset().amended(tmp_path / "none.toml")
    with pytest.raises(AmendmentError, match=r"cannot read the file"):
        packaged_dataset().amended(tmp_path)
    latin = tmp_path / "latin.toml"
    latin.write_bytes('# ok\n[[event]]\ncountry = "México"\n'.encode("latin-1"))
    with pytest.raises(AmendmentError, match=r"latin.toml, line 3: the file is not UTF-8"):
        packaged_dataset().amended(latin)


def test_two_thousand_events_apply_at_once(tmp_path: Path) -> None:
    lines = []
    for year in range(2030, 3030):
        lines += ["[[event]]", 'country = "Chile"', 'kind = "broken"', f"date = {year}-01-01", 'source = "s"']
        lines += ["[[event]]", 'country = "Chile"', 'kind = "restored"', f'date = "{year}-06"', 'source = "s"']
    data = _amend(tmp_path, "\n".join(lines) + "\n")
    chile = data.relations_with("Chile")  # type: ignore[attr-defined]
    assert len(chile.events) == len(packaged_dataset().relations_with("Chile").events) + 2000
    assert chile.status_on("2500-03") is Status.INACTIVE and chile.status_on("2500-07") is Status.ACTIVE
    assert str(chile.horizon) == "3029-06-30"


EVENT = st.fixed_dictionaries(
    {
        "country": st.sampled_from(["Chile", "CHL", "chile", "Argentina", "ARG", "Japan"]),
        "year": st.integers(2030, 2999),
        "precision": st.sampled_from(["year", "month", "day"]),
        "confidence": st.sampled_from(["high", "medium", "low"]),
        "source": st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=20).filter(str.strip),
    }
)


def _date_value(event: dict[str, object], style: str) -> tuple[str, str]:
    year = event["year"]
    text = {"year": f"{year}", "month": f"{year}-03", "day": f"{year}-03-15"}[str(event["precision"])]
    if style == "native" and event["precision"] == "day":
        return f"{year}-03-15", text
    if style == "native" and event["precision"] == "year":
        return f"{year}", text
    return '"' + text + '"', text


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(EVENT, min_size=1, max_size=6),
    st.sampled_from(["headers", "commented", "inline", "native"]),
)
def test_generated_amendments_read_back_in_every_toml_form(
    tmp_path: Path, events: list[dict[str, object]], style: str
) -> None:
    # One break a year per relation, each after the horizon: a coherent history whatever is generated.
    by_relation: dict[str, dict[str, object]] = {}
    for event in events:
        key = packaged_dataset().relations_with(str(event["country"])).id
        by_relation.setdefault(key, event)  # one event per relation: a single break
    chosen = list(by_relation.values())
    tables = []
    for event in chosen:
        value, _ = _date_value(event, style)
        fields = [
            f'country = "{event["country"]}"',
            'kind = "broken"',
            f"date = {value}",
            f"source = {_toml_string(str(event['source']))}",
            f'confidence = "{event["confidence"]}"',
        ]
        tables.append(fields)
    if style == "inline":
        text = "event = [\n" + "".join("  {" + ", ".join(f) + "},\n" for f in tables) + "]\n"
    else:
        header = "[[event]]  # generated" if style == "commented" else "[[event]]"
        text = "".join(header + "\n" + "\n".join(f) + "\n\n" for f in tables)
    path = tmp_path / f"gen-{style}.toml"
    path.write_text(text, encoding="utf-8")
    data = packaged_dataset().amended(path)
    for event in chosen:
        relation = data.relations_with(str(event["country"]))
        added = relation.events[-1]
        _, expected = _date_value(event, style)
        assert str(added.date) == expected and added.kind.value == "broken"
        assert added.citation is not None and added.citation.text == event["source"]
        assert added.confidence is not None and added.confidence.value == event["confidence"]
        assert relation.status_on(added.date.latest) is Status.INACTIVE
    assert isinstance(dt.date.today(), dt.date)


def test_a_cited_restoration_resolves_italy_s_packaged_contest(tmp_path: Path) -> None:
    data = _amend(
        tmp_path,
        '[[resolve]]  # the 1942 break was over by March 1944\ncountry = "Italy"\ncontest = 1942-01-24\n'
        'end = "1944-03"\nsource = "A note of the Italian legation, March 1944"\n',
    )
    italy = data.relations_with("Italy")  # type: ignore[attr-defined]
    assert italy.status_on("1943") is Status.UNCERTAIN
    assert italy.status_on("1944-04") is Status.ACTIVE and italy.status_on("1948") is Status.ACTIVE
    shortened = next(c for c in italy.contests if str(c.start) == "1942-01-24")
    assert str(shortened.end) == "1944-03" and shortened.citations[-1].text.startswith("A note of the Italian")
    assert "ended at 1944-03 by an amendment" in italy.remarks[-1]
    assert packaged_dataset().relations_with("Italy").status_on("1944-04") is Status.UNCERTAIN


def test_a_resolution_without_an_end_retires_the_contest(tmp_path: Path) -> None:
    data = _amend(tmp_path, '[[resolve]]\ncountry = "Italy"\ncontest = "1942-01-24"\nsource = "s"\n')
    italy = data.relations_with("Italy")  # type: ignore[attr-defined]
    assert italy.status_on("1943") is Status.ACTIVE
    assert [str(c.start) for c in italy.contests] == ["1854-01-01"]
    assert "retired by an amendment: s" in italy.remarks[-1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[resolve]]\ncountry = "Italy"\ncontest = "1943"\nsource = "s"\n',
            "line 3, field contest: ITA has no contested span starting 1943 (its spans start: 1854-01-01, 1942-01-24)",
        ),
        (
            '[[resolve]]\ncountry = "Italy"\ncontest = "1942-01-24"\nend = "1941"\nsource = "s"\n',
            "line 4, field end: the contested span must still end after it starts",
        ),
        ('[[resolve]]\ncountry = "Italy"\ncontest = "1942-01-01"\n', "line 1, field source: missing citation"),
    ],
)
def test_bad_resolutions(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(AmendmentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _amend(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = " + "[" * 600 + "]" * 600 + "\n", r"line 1: not valid TOML: nested too deeply"),  # N3: a RecursionError
        (
            '[[resolve]]\ncountry = "Italy"\ncontest = "1942-01-24"\nend = "2020"\nsource = "s"\n',
            r"line 4, field end: a resolution ends a contested span earlier; this one ends 1944-10-28, not after 2020",
        ),  # N5: it widened Italy's span to 2020
        (
            '[[relation]]\ncountry = "Bhutan"\nregion = "Asia"\nkind = "established"\ndate = "1800"\nsource = "s"\n',
            r"line 5, field date: Bhutan did not exist on 1800",
        ),  # N6
        (
            '[[attribution]]\ncountry = "Chile"\nconfidence = "high"\nevidence = "a"\nsource = "s"\n\n'
            '[[attribution]]\ncountry = "Chile"\nconfidence = "low"\nevidence = "b"\nsource = "t"\n',
            r"line 8, field country: a second \[\[attribution\]\] for CHL",
        ),  # the last won silently
    ],
)
def test_integrity_of_amendment_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(AmendmentError, match=message):
        _amend(tmp_path, text)


def test_a_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    # "Invalid statement (line 1, column 1)" for a file an editor saved with a BOM.
    path = tmp_path / "bom.toml"
    path.write_bytes(
        b"\xef\xbb\xbf" + b'[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-01-02"\nsource = "s"\n'
    )
    data = packaged_dataset().amended(path)
    assert data.relations_with("Chile").status_on("2026-02").value == "inactive"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"type": "evnt", "country": "Chile"}], r"<rows>, line 1, field type: unknown type 'evnt'"),  # a KeyError
        (
            [{"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "s\ud800"}],
            r"field source: the text is not valid Unicode",
        ),  # accepted, and then no export could be written
    ],
)
def test_rows_of_amendments_are_checked_as_files_are(rows: list[dict[str, str]], message: str) -> None:
    with pytest.raises(AmendmentError, match=message):
        packaged_dataset().amended(rows)


def test_a_path_with_a_nul_is_an_amendment_error() -> None:
    with pytest.raises(AmendmentError, match="not a file name"):
        packaged_dataset().amended("mine\x00.toml")  # a ValueError escaped


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (  # a quoted header
            '[["event"]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-13"\nsource = "s"\n',
            r"line 4, field date:",
        ),
        (  # a header inside a multi-line string is text: the next real table starts at line 9
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-01-02"\nsource = """a note quoting\n'
            '[[event]]\na header"""\n\n'
            '[[event]]\ncountry = "Chile"\nkind = "restored"\ndate = "2026-13"\nsource = "s"\n',
            r"line 12, field date:",
        ),
        (  # a quoted key
            '[[event]]\ncountry = "Chile"\n"kind" = "brokn"\ndate = "2026-01-02"\nsource = "s"\n',
            r"line 3, field kind:",
        ),
        (  # a dotted key: its first part is the field
            '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-01-02"\nsource.text = "s"\n',
            r"line 5, field source: expected text, not dict",
        ),
        ('[[event]]\ncountry = "Chile"\nkind = ', r"line 3: not valid TOML"),  # at the end of the document: was 0
    ],
)
def test_lines_come_from_the_toml_structure(tmp_path: Path, text: str, message: str) -> None:
    # Amendment errors gave wrong lines for quoted or dotted keys, headers inside multi-line strings, and the
    # end of the document (#29, D12).
    with pytest.raises(AmendmentError, match=message):
        _amend(tmp_path, text)


def test_what_mutation_testing_found_unpinned() -> None:
    # Three behaviours a sampled mutation run could change with no test failing (#29).
    good = {"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "s"}
    with pytest.raises(AmendmentError, match=r"^<rows>, line 2: each row must be a mapping with a 'type'$"):
        packaged_dataset().amended([good, "not a mapping"])  # type: ignore[list-item]
    # An event after the horizon carries the relation's horizon to the event's last possible day.
    for date, horizon in (("2027-05", "2027-05-31"), ("2027", "2027-12-31"), ("2027-05-03", "2027-05-03")):
        amended = packaged_dataset().amended([{**good, "date": date}])
        assert str(amended.relations_with("Chile").horizon) == horizon
    # show of a state with no UN M49 region says nothing of M49 (it printed "UN M49: None, None").

    out = in_process("show", "Order of Malta").stdout
    assert "M49" not in out and "None" not in out


def test_amendments_refuse_a_relation_with_peru_or_one_that_exists() -> None:
    with pytest.raises(AmendmentError, match=r"Peru: not a state a relation can be added for"):
        packaged_dataset().amended(
            [
                {
                    "type": "relation",
                    "country": "Peru",
                    "region": "Americas",
                    "kind": "established",
                    "date": "2026",
                    "source": "s",
                }
            ]
        )
    with pytest.raises(
        AmendmentError, match=r"the data already has a relation with Chile; amend it with \[\[event\]\]"
    ):
        packaged_dataset().amended(
            [
                {
                    "type": "relation",
                    "country": "Chile",
                    "region": "Americas",
                    "kind": "established",
                    "date": "2026",
                    "source": "s",
                }
            ]
        )


def _amend_file(tmp_path: object, text: str) -> object:
    from pathlib import Path

    path = Path(str(tmp_path)) / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_amendment_file_s_errors_name_their_line_and_field(tmp_path: object) -> None:
    broken = _amend_file(tmp_path, '[[event]]\ncountry = "Chile"\nkind = = "broken"\n')
    with pytest.raises(AmendmentError) as caught:
        packaged_dataset().amended(broken)  # type: ignore[arg-type]
    assert caught.value.line == 3 and str(caught.value).startswith(f"{broken}, line 3: not valid TOML")
    first_field = _amend_file(tmp_path, '[[event]]\ncountry = "Chle"\nkind = "broken"\ndate = "2026"\nsource = "s"\n')
    with pytest.raises(AmendmentError) as caught:
        packaged_dataset().amended(first_field)  # type: ignore[arg-type]
    assert (caught.value.line, caught.value.field) == (2, "country")
    assert str(caught.value).startswith(f"{first_field}, line 2, field country: no country matches 'Chle'")


def test_rows_are_named_by_their_place_in_the_list() -> None:
    rows = [
        {"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "s"},
        {"type": "event", "country": "Chle", "kind": "broken", "date": "2026", "source": "s"},
    ]
    with pytest.raises(AmendmentError, match=r"^<rows>, line 2, field country: no country matches 'Chle'"):
        packaged_dataset().amended(rows)


def test_amendments_apply_in_the_order_of_their_lines_across_kinds(tmp_path: object) -> None:
    text = (
        '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-01-02"\nsource = "s"\n\n'
        '[[relation]]\ncountry = "Bhutan"\nregion = "Asia"\nkind = "established"\ndate = "2026-01-10"\nsource = "s"\n\n'
        '[[event]]\ncountry = "Bhutan"\nkind = "broken"\ndate = "2026-02-01"\nsource = "s"\n'
    )
    data = packaged_dataset().amended(_amend_file(tmp_path, text))  # type: ignore[arg-type]
    assert [e.kind.value for e in data.relations_with("Bhutan").events] == ["established", "broken"]
    assert data.metadata.data_version == packaged_dataset().metadata.data_version + "+amended" == "2026.3+amended"


def test_a_contest_added_by_amendment_says_so() -> None:
    rows = [{"type": "contest", "country": "Chile", "start": "1950", "end": "1951", "reason": "r", "source": "s"}]
    (contest,) = [c for c in packaged_dataset().amended(rows).relations_with("Chile").contests if c.reason == "r"]
    assert contest.source == "user amendment" and contest.citations[0].outlet == "user amendment"


def test_an_event_on_the_horizon_s_last_day_leaves_the_horizon_as_it_is() -> None:
    rows = [{"type": "event", "country": "Mexico", "kind": "restored", "date": "2026-03-31", "source": "s"}]
    assert packaged_dataset().amended(rows).relations_with("Mexico").horizon == PartialDate(2026, 3)
    later = [{"type": "event", "country": "Mexico", "kind": "restored", "date": "2026-04-01", "source": "s"}]
    assert packaged_dataset().amended(later).relations_with("Mexico").horizon == PartialDate(2026, 4, 1)


def test_a_succession_cannot_be_amended() -> None:
    rows = [{"type": "event", "country": "Chile", "kind": "succeeded", "date": "2026", "source": "s"}]
    with pytest.raises(
        AmendmentError,
        match=r"^<rows>, line 1, field kind: a succession needs a predecessor state, which amendments cannot give$",
    ):
        packaged_dataset().amended(rows)


def test_a_new_relation_s_region_and_first_event_are_checked() -> None:
    from peru_diplomacy import InvalidEventSequenceError

    bhutan = {"type": "relation", "country": "Bhutan", "kind": "established", "date": "2026", "source": "s"}
    with pytest.raises(
        AmendmentError, match=r"^<rows>, line 1, field region: use one of Africa, Americas, Asia, Europe, Oceania$"
    ):
        packaged_dataset().amended([{**bhutan, "region": "Atlantis"}])
    with pytest.raises(InvalidEventSequenceError, match=r"^<rows>, line 1: "):
        packaged_dataset().amended([{**bhutan, "region": "Asia", "kind": "restored"}])
