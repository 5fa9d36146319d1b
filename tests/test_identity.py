"""relations_with(): every input form, every error, and nothing else escaping."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import (
    AmbiguousCountryError,
    BeyondHorizonWarning,
    NoRelationError,
    PeruDiplomacyError,
    Status,
    UnknownCountryError,
    active_on,
    established_between,
    packaged_dataset,
    relations_with,
    statuses_on,
    successors_of,
    timeline,
)
from peru_diplomacy.identity import normalize_name, normalize_query


@pytest.mark.parametrize(
    ("query", "relation_id"),
    [
        ("Chile", "CHL"),
        ("chile", "CHL"),
        ("  CHILE ", "CHL"),
        ("CL", "CHL"),
        ("cl", "CHL"),
        ("CHL", "CHL"),
        (152, "CHL"),
        ("152", "CHL"),
        ("Republic of Chile", "CHL"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Czechoslovakia", "CZE"),
        ("CSHH", "CZE"),
        ("CSK", "CZE"),
        ("Checoslovaquia", "CZE"),
        ("Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("U.S.S.R.", "RUS"),
        ("SUHH", "RUS"),
        ("Russian Empire", "RUS"),
        ("Rusia", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Corea del Sur", "KOR"),
        ("North Korea", "PRK"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("cote divoire", "CIV"),
        ("Cote dIvoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Arabia Saudita", "SAU"),
        ("PRC", "CHN"),
        ("North Yemen", "YEM"),
        ("FYROM", "MKD"),
        ("England", "GBR"),
        ("Scotland", "GBR"),
        ("Congo-Kinshasa", "COD"),
        ("Birmania", "MMR"),
        ("Costa de Marfil", "CIV"),
        ("Holy See", "VAT"),
        ("Vatican", "VAT"),
        ("Santa Sede", "VAT"),
        ("Alemania", "DEU"),
        ("West Germany", "DEU"),
        ("East Germany", "DDDE"),
        ("GDR", "DDDE"),
        ("DDDE", "DDDE"),
        (278, "DDDE"),
        ("Estados Unidos", "USA"),
        ("United States of America", "USA"),
        ("U.S.", "USA"),
        ("Reino Unido", "GBR"),
        ("the Bahamas", "BHS"),
        ("Bahamas", "BHS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Burma", "MMR"),
        ("Zaire", "COD"),
        ("Upper Volta", "BFA"),
        ("Swaziland", "SWZ"),
        ("Taiwan", "TWN"),
        ("Republic of China", "TWN"),
        ("Palestine", "PSE"),
        ("Sahrawi Arab Democratic Republic", "X-SADR"),
        ("RASD", "X-SADR"),
        ("Order of Malta", "X-SMOM"),
        ("European Union", "X-EU"),
        ("Unión Europea", "X-EU"),
        ("Yugoslavia", "SRB"),
        (36, "AUS"),
        ("036", "AUS"),
        ("36", "AUS"),
        ("Micronesia", "FSM"),
        ("Guinea-Bissau", "GNB"),
        ("guinea bissau", "GNB"),
        ("Guinea", "GIN"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
    ],
)
def test_every_input_form_resolves(query: str | int, relation_id: str) -> None:
    assert relations_with(query).id == relation_id


@pytest.mark.parametrize(
    ("query", "candidates"),
    [
        ("Congo", ("Democratic Republic of the Congo", "Republic of the Congo (no relation recorded)")),
        ("Korea", ("North Korea", "South Korea")),
        ("CS", ("Czechoslovakia", "Serbia and Montenegro")),
        ("ROC", ("Republic of the Congo (no relation recorded)", "Taiwan")),
    ],
)
def test_ambiguous_names_list_their_candidates(query: str, candidates: tuple[str, ...]) -> None:
    with pytest.raises(AmbiguousCountryError) as caught:
        relations_with(query)
    assert caught.value.candidates == candidates
    assert "is ambiguous" in str(caught.value)
    for candidate in candidates:
        assert candidate in str(caught.value)


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Bhutan", "Bhutan"),
        ("BTN", "Bhutan"),
        ("Bután", "Bhutan"),
        ("Kosovo", "Kosovo"),
        ("XK", "Kosovo"),
        ("Republic of the Congo", "Republic of the Congo"),
        ("ESH", "Western Sahara"),
        ("Peru", "Peru"),
        ("Perú", "Peru"),
        ("PE", "Peru"),
        (604, "Peru"),
    ],
)
def test_real_states_without_a_relation_get_their_own_error(query: str | int, country: str) -> None:
    with pytest.raises(NoRelationError) as caught:
        relations_with(query)
    assert caught.value.country == country
    assert "no diplomatic relation" in str(caught.value) or "subject of this dataset" in str(caught.value)


@pytest.mark.parametrize(
    ("query", "suggestions"),
    [
        ("Chle", ("Chile",)),
        ("Argentinia", ("Argentina",)),
        ("Columbia", ("Colombia",)),
        ("Phillipines", ("Philippines",)),
        ("xyzzy", ()),
        ("", ()),
        ("   ", ()),
        (1000, ()),
        (-4, ()),
    ],
)
def test_unknown_input_suggests_what_would_work(query: str | int, suggestions: tuple[str, ...]) -> None:
    with pytest.raises(UnknownCountryError) as caught:
        relations_with(query)
    assert caught.value.suggestions[: len(suggestions)] == suggestions
    assert len(caught.value.suggestions) <= 3
    if suggestions:
        assert f"did you mean {suggestions[0]}" in str(caught.value)
    for suggestion in caught.value.suggestions:
        relations_with(suggestion)  # every suggestion works


@pytest.mark.parametrize("query", [None, b"Chile", 1.5, True, ["Chile"], {"CL"}, dt.date(2000, 1, 1)])
def test_wrong_types_raise_type_error(query: object) -> None:
    with pytest.raises(TypeError, match="a country is a name or an ISO 3166 code"):
        relations_with(query)  # type: ignore[arg-type]


def test_errors_are_lookup_errors() -> None:
    for error in (UnknownCountryError, AmbiguousCountryError, NoRelationError):
        assert issubclass(error, LookupError)
        assert issubclass(error, PeruDiplomacyError)


def test_every_name_in_the_index_resolves_or_fails_as_documented() -> None:
    data = packaged_dataset()
    ambiguous = {
        e.key
        for e in data.names
        if len({(e2.relation, None if e2.relation else e2.state) for e2 in data.names if e2.key == e.key}) > 1
    }
    for entry in data.names:
        if entry.relation is None:
            continue
        if entry.key in ambiguous:
            with pytest.raises(AmbiguousCountryError):
                data.relations_with(entry.label)
        else:
            assert data.relations_with(entry.label).id == entry.relation


def test_normalization() -> None:
    assert normalize_name("São Tomé and Príncipe") == "sao tome and principe"
    assert normalize_name("Bosnia & Herzegovina") == "bosnia and herzegovina"
    assert normalize_name("THE GAMBIA") == "gambia"
    assert normalize_query(4) == "004"
    assert normalize_query("  4 ") == "004"


ANY_INPUT = st.one_of(
    st.text(),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzÁÉÍÓÚñç'-. ", max_size=12),
    st.integers(),
    st.none(),
    st.binary(max_size=8),
    st.dates(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=2),
)

DOCUMENTED = (UnknownCountryError, AmbiguousCountryError, NoRelationError, TypeError, ValueError)


@given(ANY_INPUT)
def test_only_documented_exceptions_escape_relations_with(query: object) -> None:
    try:
        relation = relations_with(query)  # type: ignore[arg-type]
    except DOCUMENTED:
        return
    assert relation in packaged_dataset().relations


@given(ANY_INPUT)
def test_only_documented_exceptions_escape_the_date_queries(value: object) -> None:
    for call in (
        lambda: active_on(value),  # type: ignore[arg-type]
        lambda: statuses_on(value),  # type: ignore[arg-type]
        lambda: established_between(value, "2000"),  # type: ignore[arg-type]
        lambda: timeline(first=value),  # type: ignore[arg-type]
        lambda: relations_with("Chile").status_on(value),  # type: ignore[arg-type]
        lambda: successors_of(value),  # type: ignore[arg-type]
    ):
        with contextlib.suppress(*DOCUMENTED), warnings.catch_warnings():
            warnings.simplefilter("ignore", BeyondHorizonWarning)
            call()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Congo-Brazzaville", "Republic of the Congo"),
        ("South Yemen", "South Yemen (People's Democratic Republic of Yemen)"),
        ("Kosovo", "Kosovo"),
        ("Bhutan", "Bhutan"),
    ],
)
def test_states_without_a_relation_say_so(query: str, message: str) -> None:
    with pytest.raises(NoRelationError, match=re.escape(message)):
        relations_with(query)


def test_huge_integers_are_unknown_countries() -> None:
    for query in (10**5000, 10**20, -1, 1000):
        with pytest.raises(UnknownCountryError, match="no country matches"):
            relations_with(query)


def test_suggestions_name_each_relation_once() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        relations_with("Brasl")
    assert len(caught.value.suggestions) == 1


def test_codes_that_two_states_of_one_lineage_share_resolve_to_it() -> None:
    assert relations_with("891").id == relations_with(891).id == relations_with("YUCS").id == "SRB"


def test_the_errors_carry_what_was_asked() -> None:
    with pytest.raises(NoRelationError) as no_relation:
        relations_with("Peru")
    assert str(no_relation.value) == "Peru is the subject of this dataset: its relations are with others"
    assert no_relation.value.state == "PER"
    with pytest.raises(NoRelationError) as bhutan:
        relations_with("Bhutan")
    assert bhutan.value.state == "BTN" and bhutan.value.country == "Bhutan"
    with pytest.raises(AmbiguousCountryError) as ambiguous:
        relations_with("Korea")
    assert ambiguous.value.query == "Korea"
    assert ambiguous.value.candidates == ("North Korea", "South Korea")
    with pytest.raises(UnknownCountryError) as unknown:
        relations_with("Chle")
    assert unknown.value.query == "Chle" and unknown.value.suggestions == ("Chile",)
    with pytest.raises(TypeError) as wrong:
        normalize_query(1.5)
    assert str(wrong.value) == (
        "a country is a name or an ISO 3166 code (str) or an ISO 3166-1 numeric code (an integer), not float"
    )


def test_names_fold_apostrophes_accents_and_case() -> None:
    assert normalize_name("Côte d'Ivoire") == normalize_name("Cote dIvoire") == "cote divoire"
    assert normalize_name("Côte d’Ivoire") == normalize_name("CÔTE D`IVOIRE") == "cote divoire"
    assert normalize_name("Costa Rica") == "costa rica"
    assert normalize_name("Bosnia_and_Herzegovina") == "bosnia and herzegovina"


def test_a_freshly_built_index_resolves_as_documented() -> None:
    # Built inside the test (not at collection), so that every rule of the index is exercised here.
    from peru_diplomacy import Dataset
    from peru_diplomacy._loading import read_resource

    fresh = Dataset.from_json(read_resource())
    assert fresh.relations_with("891").id == fresh.relations_with(891).id == "SRB"
    with pytest.raises(AmbiguousCountryError) as korea:
        fresh.relations_with("Korea")
    assert korea.value.candidates == ("North Korea", "South Korea")
    with pytest.raises(AmbiguousCountryError) as congo:
        fresh.relations_with("Congo")
    assert congo.value.candidates == (
        "Democratic Republic of the Congo",
        "Republic of the Congo (no relation recorded)",
    )
    with pytest.raises(UnknownCountryError) as close:
        fresh.relations_with("Ira")
    assert close.value.suggestions == ("Iran", "Iraq", "Siria")  # one suggestion a relation, the closest first
    with pytest.raises(UnknownCountryError) as brasl:
        fresh.relations_with("Brasl")
    assert brasl.value.suggestions == ("Brasil",)
    assert [c.name for c in fresh.successors_of("USSR")] == ["Russia"]  # the state the name denotes, not the relation's
    assert [c.name for c in fresh.predecessors_of("CZE")] == ["Czechoslovakia"]


def test_the_index_rules_on_constructed_entries() -> None:
    from peru_diplomacy import NameEntry
    from peru_diplomacy.identity import CountryIndex

    index = CountryIndex(
        [
            NameEntry(key="twin", label="Twin A", kind="alias", relation=None, state="AAA"),
            NameEntry(key="twin", label="Twin B", kind="alias", relation=None, state="BBB"),
            NameEntry(key="pair", label="Pair one", kind="alias", relation="R1", state="S1"),
            NameEntry(key="pair", label="Pair two", kind="alias", relation="R2", state="S2"),
            NameEntry(key="solo", label="Solo", kind="alias", relation="R3", state="S3"),
        ]
    )
    with pytest.raises(AmbiguousCountryError) as twins:
        index.resolve("twin")  # two states without a relation are still two states
    assert twins.value.candidates == ("Twin A (no relation recorded)", "Twin B (no relation recorded)")
    with pytest.raises(AmbiguousCountryError) as pair:
        index.resolve("pair")  # no NAME entry for these states: their labels describe them
    assert pair.value.candidates == ("Pair one", "Pair two")
    assert index.resolve("solo") == "R3" and index.state_of("solo", "R3") == "S3"
    assert index.state_of("nothing", "R3") is None


@pytest.mark.parametrize(
    ("name", "relation"),
    [
        ("Bosnia", "BIH"),
        ("Trinidad", "TTO"),
        ("Formosa", "TWN"),
        ("Alto Volta", "BFA"),
        ("Khmer Republic", "KHM"),
        ("Ceilán", "LKA"),
    ],
)
def test_names_people_type(name: str, relation: str) -> None:
    # These were unknown, and "Ceilán" suggested Iceland (#28, item 14).
    assert relations_with(name).id == relation


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("Japn", "Japan"), ("Bhutann", "Bhutan"), ("Czechoslovakiaa", "Czechoslovakia"), ("Chle", "Chile")],
)
def test_a_typo_gets_the_closest_name_first_english_before_spanish(typo: str, suggestion: str) -> None:
    # "Japn" suggested Japón before Japan; "Bhutann", a state of the table with no relation, got none (#28, 14-15).
    with pytest.raises(UnknownCountryError) as caught:
        relations_with(typo)
    assert caught.value.suggestions[0] == suggestion


@pytest.mark.parametrize(
    ("name", "state", "named"),
    [
        ("Rhodesia", "RHZW", "Southern Rhodesia"),
        ("South Vietnam", "X-RVN", "Republic of Vietnam (South Vietnam)"),
        ("Republic of Vietnam", "X-RVN", "Republic of Vietnam (South Vietnam)"),
        ("Vietnam del Sur", "X-RVN", "Republic of Vietnam (South Vietnam)"),
    ],
)
def test_a_state_of_the_lists_without_a_relation_is_named_as_such(name: str, state: str, named: str) -> None:
    # "Rhodesia" and "South Vietnam" said "no country matches" although both are states of the lists (#28, 14).
    with pytest.raises(NoRelationError) as caught:
        relations_with(name)
    assert caught.value.state == state
    assert str(caught.value) == f"the source records no diplomatic relation between Peru and {named}"


def test_south_vietnam_lives_as_the_lists_say_and_its_code_lookups_agree() -> None:
    # COW 817 "Republic of Vietnam" 1954-06-04 to 1975-04-30; GW 817 from 1954-05-01 (data/crosswalk/).
    south = next(s for s in packaged_dataset().states if s.id == "X-RVN")
    assert (south.cow_code, south.gw_code) == (817, 817)
    assert south.exists_on("1960-01-01") is Status.ACTIVE and south.exists_on("1976-01-01") is Status.INACTIVE
    for system in ("cow", "gw"):
        with pytest.raises(NoRelationError):
            relations_with(817, system=system)
