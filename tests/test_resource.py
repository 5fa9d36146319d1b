"""The packaged data is read through the package's loader, from a directory or a zip alike (#17)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import peru_diplomacy
from peru_diplomacy._loading import read_resource, read_resource_via_importlib

PACKAGE = Path(peru_diplomacy.__file__).resolve().parent


def test_both_paths_read_the_same_bytes() -> None:
    assert read_resource() == read_resource_via_importlib() == (PACKAGE / "data" / "relations.json").read_bytes()


def test_a_first_lookup_does_not_import_importlib_resources() -> None:
    code = (
        "import sys; from peru_diplomacy import relations_with; relations_with('Chile');"
        "print('importlib.resources' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_zipped_package_reads_its_data(tmp_path: Path) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in PACKAGE.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                out.write(path, f"peru_diplomacy/{path.relative_to(PACKAGE)}")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import peru_diplomacy, hashlib;"
        "from peru_diplomacy._loading import read_resource, read_resource_via_importlib;"
        "assert '.zip' in peru_diplomacy.__file__, peru_diplomacy.__file__;"
        "a, b = read_resource(), read_resource_via_importlib(); assert a == b;"
        "print(hashlib.sha256(a).hexdigest(), peru_diplomacy.relations_with('Chile').id)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(archive)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    import hashlib

    digest, found = result.stdout.split()
    assert digest == hashlib.sha256((PACKAGE / "data" / "relations.json").read_bytes()).hexdigest()
    assert found == "CHL"


def test_the_resource_is_read_through_importlib_when_the_loader_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    import peru_diplomacy._loading as loading

    packaged = loading.read_resource()
    monkeypatch.setattr(loading, "__loader__", None)
    assert loading.read_resource() == packaged == loading.read_resource_via_importlib()
