"""`make run` installs what running needs, `make test` what the tests need as well (scripts/system-deps.sh)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
SCRIPT = (ROOT / "scripts" / "system-deps.sh").read_text(encoding="utf-8")


def _packages(name: str) -> set[str]:
    found = re.search(rf"^{name}=\(([^)]*)\)", SCRIPT, re.MULTILINE)
    assert found, name
    return set(found[1].split())


def test_running_needs_no_browser_and_no_office_suite():
    run, test = _packages("run_packages"), _packages("test_packages")
    assert "gettext" in run and {"libpango-1.0-0", "fonts-dejavu-core"} <= run  # translations, PDF reports
    assert not run & {"chromium", "libatomic1", "libreoffice-writer-nogui", "poppler-utils"}
    assert {"chromium", "libatomic1", "libreoffice-writer-nogui"} <= test


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(("target", "part"), [("run", "run"), ("demo", "run"), ("test", "test")])
def test_each_make_target_installs_its_part(target: str, part: str):
    plan = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.findall(r"scripts/system-deps\.sh (\w+)", plan) == [part]
