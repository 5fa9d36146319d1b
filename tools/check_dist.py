"""Check the built sdist and wheel: what they must contain, and version agreement.

python tools/check_dist.py DIST_DIR
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

WHEEL_MUST_HAVE = (
    "peru_diplomacy/__init__.py",
    "peru_diplomacy/py.typed",
    "peru_diplomacy/data/relations.json",
    "peru_diplomacy/data/schema.json",
    "peru_diplomacy/data/LICENSE-DATA",
    "peru_diplomacy/export/__init__.py",
)
SDIST_MUST_HAVE = (
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "LICENSE-DATA",
    "src/peru_diplomacy/data/relations.json",
    "tests/test_source.py",
    "docs/conf.py",
    "docs/index.md",
    "data/source/foreign_relations_of_peru.txt",
    "data/source/country_key.tsv",
    "tools/build_dataset.py",
)


def main(folder: str) -> int:
    dist = Path(folder)
    wheels = list(dist.glob("*.whl"))
    sdists = list(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"check_dist: expected one wheel and one sdist in {dist}, found {wheels + sdists}")
        return 1
    problems = []
    wheel_names = set(zipfile.ZipFile(wheels[0]).namelist())
    problems += [f"wheel lacks {name}" for name in WHEEL_MUST_HAVE if name not in wheel_names]
    problems += [f"wheel holds {name}" for name in wheel_names if "/tests/" in name or name.startswith("tests/")]
    licences = [
        n for n in wheel_names if n.endswith((".dist-info/licenses/LICENSE", ".dist-info/licenses/LICENSE-DATA"))
    ]
    if len(licences) != 2:
        problems.append(f"wheel metadata should carry LICENSE and LICENSE-DATA, has {licences}")
    with tarfile.open(sdists[0]) as archive:
        top = archive.getnames()[0].split("/")[0]
        sdist_names = {name.removeprefix(top + "/") for name in archive.getnames()}
    problems += [f"sdist lacks {name}" for name in SDIST_MUST_HAVE if name not in sdist_names]
    for problem in problems:
        print(f"check_dist: {problem}")
    if not problems:
        print(f"check_dist: {wheels[0].name} ({len(wheel_names)} files) ok")
        print(f"check_dist: {sdists[0].name} ({len(sdist_names)} files) ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
