"""Put the real output of `exportcheck check samples/gaps.yaml` into README.md (tests/test_readme.py checks it)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "samples/gaps.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": ""},
    )
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"<!-- gaps-output:begin -->\n```text\n{done.stdout}```\n<!-- gaps-output:end -->"
    updated = re.sub(r"<!-- gaps-output:begin -->.*?<!-- gaps-output:end -->", lambda _: block, text, flags=re.S)
    readme.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
