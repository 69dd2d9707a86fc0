"""Every data file khronika ships goes through one loader; a missing one is a named error."""

import re
import shutil

import pytest

from khronika.errors import MissingDataFile
from khronika.resources import DATA_FILES, PACKAGE, SHIPPED, DataFiles, data_path


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_resources_every_data_file_is_shipped_and_parses(name):
    assert SHIPPED.get(name)  # parsed, and not empty


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_resources_a_missing_data_file_is_a_named_error(tmp_path, name):
    relative = DATA_FILES[name][0]
    broken = DataFiles(root=tmp_path)  # an install without this one file
    for other, (path, _) in DATA_FILES.items():
        if other != name:
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = shutil.copytree if (PACKAGE / path).is_dir() else shutil.copy
            copy(PACKAGE / path, target)
    with pytest.raises(MissingDataFile, match=re.escape(relative.split("/")[-1])):
        broken.get(name)


def test_resources_every_data_file_in_the_package_is_registered():
    registered = {PACKAGE / path for path, _ in DATA_FILES.values()}
    data = [p for p in PACKAGE.glob("*/data/*") if p.suffix in (".yaml", ".tsv")]
    kb = PACKAGE / "kb" / "data"  # the KB has its own loader (kb/load.py): test_kb
    for path in data:
        assert path in registered or path.parent == kb, path


def test_resources_data_path_names_the_file():
    with pytest.raises(MissingDataFile, match=r"nowhere\.yaml"):
        data_path("events/data/nowhere.yaml")


def test_resources_one_max_bytes_default():
    from khronika import read
    from khronika.cli.main import ingest_command
    from khronika.store.ingest import Options

    option = next(p for p in ingest_command.params if p.name == "max_bytes")
    assert option.default == Options().max_bytes == read.MAX_BYTES
