"""How WeasyPrint is loaded: its libraries opened by their direct names, without the search that runs ldconfig,
gcc and ld for every name that misses; and still loaded where only that search finds them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

COUNT_SEARCHES = """
import ctypes.util
search = ctypes.util.find_library
searched = []
def counting(name):
    searched.append(name)
    return search(name)
ctypes.util.find_library = counting
"""

RENDER = """
from checker.report.gap_report.weasy import HTML
pdf = HTML(string="<p>exportcheck</p>").write_pdf()
print(pdf[:5].decode(), ",".join(sorted(set(searched))) or "none", ctypes.util.find_library is counting)
"""

# cffi opens a library by a name with a dot directly, and only otherwise (or when that fails) asks
# find_library. Refusing every direct open while the search is switched off stands for a system where the
# direct names are unknown.
ONLY_THE_SEARCH_WORKS = """
import cffi
direct = cffi.FFI.dlopen
def through_the_search(self, name, flags=0):
    if ctypes.util.find_library is not counting:
        raise OSError(f"{name}: cannot open shared object file")
    return direct(self, name, flags)
cffi.FFI.dlopen = through_the_search
"""


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_weasyprint_opens_its_libraries_without_searching_for_them():
    done = run(COUNT_SEARCHES + RENDER)
    assert (done.stdout, done.stderr) == ("%PDF- none True\n", "")


def test_where_only_the_search_finds_the_libraries_weasyprint_still_loads_and_says_nothing():
    done = run(COUNT_SEARCHES + ONLY_THE_SEARCH_WORKS + RENDER)
    assert done.returncode == 0, done.stderr
    printed, searched, restored = done.stdout.split(" ", 2)
    assert printed == "%PDF-"
    assert "libpango-1.0-0" in searched.split(",")
    assert restored == "True\n"
    assert done.stderr == ""
