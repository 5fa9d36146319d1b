"""Typed files researchers use: Parquet and Stata keep the frames' dtypes; a valid data package (#19)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import peru_diplomacy
from peru_diplomacy import (
    all_relations,
    event_counts,
    packaged_dataset,
    panel,
    relations_with,
    status_counts,
)
from peru_diplomacy._columns import TABLES
from peru_diplomacy.export import (
    FORMATS,
    read_parquet,
    read_stata,
    to_dataframe,
    write_datapackage,
    write_parquet,
    write_stata,
)

from .cli_run import in_process

pandas = pytest.importorskip("pandas")

SOURCES = {
    "relations": all_relations(),
    "events": all_relations(),
    "periods": all_relations(),
    "states": all_relations(),
    "panel": panel(1940, 1960, membership="cow"),
    "status_counts": status_counts(1900, 1999, unit="decade", by_region=True),
    "event_counts": event_counts(1900, 1999, by_region=True),
}


@pytest.mark.parametrize("table", list(SOURCES))
def test_stata_round_trips_with_dtypes_and_value_labels(table: str, tmp_path: Path) -> None:
    path = tmp_path / f"{table}.dta"
    write_stata(SOURCES[table], table, path)  # type: ignore[arg-type]
    frame = to_dataframe(SOURCES[table], table)  # type: ignore[arg-type]
    again = read_stata(path, table)  # type: ignore[arg-type]
    assert again.dtypes.to_dict() == frame.dtypes.to_dict()
    assert again.equals(frame)
    labelled = {c.name for c in TABLES[table] if c.values}
    with pandas.io.stata.StataReader(path) as reader:
        labels = reader.value_labels()
    assert len(labels) == len(labelled & set(frame.columns))
    for values in labels.values():
        assert values  # each enumerated column carries its labels


@pytest.mark.parametrize("table", list(SOURCES))
def test_parquet_round_trips_with_dtypes(table: str, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / f"{table}.parquet"
    write_parquet(SOURCES[table], table, path)  # type: ignore[arg-type]
    frame = to_dataframe(SOURCES[table], table)  # type: ignore[arg-type]
    again = read_parquet(path, table)  # type: ignore[arg-type]
    assert again.dtypes.to_dict() == frame.dtypes.to_dict()
    assert again.equals(frame)
    raw = pandas.read_parquet(path)  # a reader that knows nothing of the library gets the dtypes too,
    undated = [c for c in frame.columns if not str(frame[c].dtype).startswith("datetime64")]
    assert raw[undated].dtypes.to_dict() == frame[undated].dtypes.to_dict()  # (Parquet stores days in ms)


def test_the_data_package_describes_its_tables_from_the_codebook(tmp_path: Path) -> None:
    target = write_datapackage(tmp_path / "pkg", panel_years=(2000, 2001))
    package = json.loads(target.read_text(encoding="utf-8"))
    assert package["version"].startswith("2026.3")
    assert [r["path"] for r in package["resources"]] == [
        "relations.csv",
        "events.csv",
        "periods.csv",
        "states.csv",
        "missions.csv",
        "panel.csv",
    ]
    for resource in package["resources"]:
        table = resource["path"].removesuffix(".csv")
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == [c.name for c in TABLES[table]]
        header = (tmp_path / "pkg" / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == names
    with pytest.raises(ValueError, match="not 'wars'"):
        write_datapackage(tmp_path / "bad", tables=["wars"])  # type: ignore[list-item]


def test_the_command_line_writes_typed_files(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "peru_diplomacy", "export"]
    dta = tmp_path / "events.dta"
    assert subprocess.run([*run, "--format", "stata", "--table", "events", "-o", str(dta)], check=False).returncode == 0
    assert read_stata(dta, "events").equals(to_dataframe(all_relations(), "events"))
    missing = subprocess.run([*run, "--format", "parquet"], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "give --output FILE" in missing.stderr
    package = subprocess.run(
        [*run, "--datapackage", str(tmp_path / "p"), "--from", "2000", "--to", "2000"], check=False
    )
    assert package.returncode == 0 and (tmp_path / "p" / "panel.csv").exists()


@pytest.mark.parametrize("table", ["events", "panel"])
def test_stata_files_have_variable_labels_and_a_dataset_label(tmp_path: Path, table: str) -> None:
    # Stata files had value labels but no variable labels and no dataset label (#28, item 9).
    pandas = pytest.importorskip("pandas")
    from peru_diplomacy import DATA_VERSION, all_relations, panel
    from peru_diplomacy.export import write_stata

    path = tmp_path / f"{table}.dta"
    write_stata(panel(2000, 2001) if table == "panel" else all_relations(), table, path)  # type: ignore[arg-type]
    with pandas.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        assert (
            reader.data_label == f"peru-diplomacy {peru_diplomacy.__version__}, data {DATA_VERSION}: the {table} table"
        )
    meanings = {c.name: c.meaning for c in TABLES[table]}
    assert set(labels) == {f"_{c}" if c in ("end",) else c for c in meanings}
    for name, label in labels.items():
        meaning = meanings[name.lstrip("_")]
        assert 0 < len(label) <= 80
        assert label == meaning or (label.endswith("…") and meaning.startswith(label[:-1]))


def test_nul_and_long_fields_survive_csv_and_are_refused_by_stata(tmp_path: Path) -> None:
    # Stata cut a text at a NUL with exit 0; read_dataframe failed on a NUL and a field over 128 KiB unless
    # loads_csv had run first, which changed csv.field_size_limit for the whole process (#29, N7).
    import csv

    pytest.importorskip("pandas")
    from peru_diplomacy import InvalidArgumentError
    from peru_diplomacy.export import dumps_csv, loads_csv, read_dataframe, relation_rows, write_stata

    rows = relation_rows([relations_with("Chile")])
    rows[0]["notes"] = "before\x00after " + "é" * 200_000
    text = dumps_csv(rows)
    limit = csv.field_size_limit()
    assert read_dataframe(io.StringIO(text), "relations")["notes"][0] == rows[0]["notes"]
    assert loads_csv(text)[0]["notes"] == rows[0]["notes"]
    assert csv.field_size_limit() == limit  # the process's limit is as it was
    import attrs

    chile = relations_with("Chile")
    damaged = attrs.evolve(chile, source=attrs.evolve(chile.source, notes="a\x00b"))
    with pytest.raises(InvalidArgumentError, match="Stata cannot hold a NUL character"):
        write_stata([damaged], "relations", tmp_path / "r.dta")
    assert not (tmp_path / "r.dta").exists()


def test_parquet_written_in_chunks_reads_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Parquet export is written a chunk of rows at a time (its peak memory was 3.6 times CSV's, #29).
    pytest.importorskip("pyarrow")
    from peru_diplomacy import panel
    from peru_diplomacy.export import parquet, read_parquet, to_dataframe, write_parquet

    monkeypatch.setattr(parquet, "_PARQUET_CHUNK", 97)
    rows = panel(1990, 1991, membership="cow")
    write_parquet(rows, "panel", tmp_path / "p.parquet")
    back = read_parquet(tmp_path / "p.parquet", "panel")
    expected = to_dataframe(rows, "panel")
    assert back.shape == expected.shape and back.equals(expected)


def test_stata_keeps_a_long_non_ascii_text(tmp_path: Path) -> None:
    # On pandas 2.2.2 a long non-ASCII text failed, and the command line advised PYTHONIOENCODING (#29, N7).
    pytest.importorskip("pandas")
    import attrs

    from peru_diplomacy.export import read_stata, write_stata

    chile = relations_with("Chile")
    long = attrs.evolve(chile, source=attrs.evolve(chile.source, notes="Perú–Chile " + "é" * 3000))
    write_stata([long, relations_with("Japan")], "relations", tmp_path / "r.dta")
    assert read_stata(tmp_path / "r.dta", "relations")["notes"][0] == long.notes


def test_one_registry_of_tables_follows_the_codebook() -> None:
    # Table names were written in six places (#30): the registry, the codebook's definitions and the Table type
    # are held equal here; everything else iterates the registry.
    from typing import get_args

    from peru_diplomacy._columns import TABLES
    from peru_diplomacy.export import OF_RELATIONS, TABLE_REGISTRY, Table, codebook

    assert list(TABLE_REGISTRY) == list(TABLES) == list(get_args(Table))
    for name, spec in TABLE_REGISTRY.items():
        assert spec.name == name
        assert spec.columns == tuple(c.name for c in TABLES[name])
        assert [r["column"] for r in codebook([name])] == list(spec.columns)
    assert OF_RELATIONS == ("relations", "events", "periods", "states", "missions")
    relations = peru_diplomacy.all_relations()
    for name in OF_RELATIONS:
        rows = TABLE_REGISTRY[name].rows(relations)
        assert rows and all(tuple(row) == TABLE_REGISTRY[name].columns for row in rows)


def test_one_registry_of_formats_that_the_command_line_iterates() -> None:
    from peru_diplomacy.commands import parser
    from peru_diplomacy.export import FORMATS, OF_RELATIONS, format_named_by

    for name, spec in FORMATS.items():
        assert spec.name == name
        assert (spec.write_rows is None) != (spec.write_table is None), f"{name} writes rows or a table, not both"
        assert spec.typed == (spec.write_table is not None) and spec.read is not None
        assert all(format_named_by(f"x{suffix.upper()}") is spec for suffix in spec.suffixes)
    suffixes = [s for spec in FORMATS.values() for s in spec.suffixes]
    assert len(suffixes) == len(set(suffixes))
    export = next(a for a in parser()._actions if a.dest == "command").choices["export"]  # type: ignore[index]
    options = {a.dest: a for a in export._actions}
    assert list(options["format"].choices) == list(FORMATS)
    assert list(options["table"].choices) == [*OF_RELATIONS, "panel", "records"]
    for spec in FORMATS.values():
        assert spec.name in (options["format"].help or "")
        if spec.typed:
            assert spec.description in (options["format"].help or "")


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_writes_a_table_its_reader_reads_back(name: str, tmp_path: Path) -> None:
    from peru_diplomacy.export import TABLE_REGISTRY

    spec = FORMATS[name]
    if spec.extra is not None:
        pytest.importorskip("pandas")
        if spec.extra == "parquet":
            pytest.importorskip("pyarrow")
    relations = [peru_diplomacy.relations_with(c) for c in ("Cuba", "Namibia", "Chile")]
    target = tmp_path / f"events{spec.suffixes[0]}"
    assert spec.read is not None
    if spec.write_table is not None:
        spec.write_table(relations, "events", target)
        back = spec.read(target, "events")
        assert list(back["relation_id"]) == [r["relation_id"] for r in TABLE_REGISTRY["events"].rows(relations)]
    else:
        assert spec.write_rows is not None
        rows = TABLE_REGISTRY["events"].rows(relations)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            spec.write_rows(rows, handle)
        assert spec.read(target) == rows


def test_typed_exports_of_the_panel_and_the_records_rule() -> None:
    records = in_process("export", "--table", "records", "--format", "csv")
    assert records.returncode == 2
    assert "--table records is the whole dataset, in JSON only; use --format json" in records.stderr


def test_typed_export_of_a_panel(tmp_path: object) -> None:
    from pathlib import Path

    pytest.importorskip("pandas")

    from peru_diplomacy.export import read_stata

    path = Path(str(tmp_path)) / "panel.dta"
    done = in_process(
        "export", "--table", "panel", "--format", "stata", "--from", "1990", "--to", "1991", "-o", str(path)
    )
    assert done.returncode == 0, done.stderr
    frame = read_stata(path, "panel")
    assert sorted(set(frame["year"].tolist())) == [1990, 1991]
    assert len(frame) == len(packaged_dataset().panel(1990, 1991)) == 352
