#!/usr/bin/env bash
# Set up everything exportcheck needs on a Debian or Ubuntu machine, then say so.
#   scripts/setup.sh         the system libraries and fonts of the PDF report, and a virtualenv in .venv
#   scripts/setup.sh --dev   the same, plus what the tests use (pytest, pypdf, jsonschema, poppler, qpdf,
#                            the PDF/UA checker pdfua, and Microsoft's SARIF Multitool in .tools/ when npm is there)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=false
[ "${1:-}" = "--dev" ] && dev=true

# WeasyPrint renders with Pango; the Chinese report names the Noto CJK fonts explicitly.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-noto-cjk fonts-dejavu-core)
$dev && packages+=(poppler-utils qpdf)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""
  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"
  else
    echo "setup: these Debian packages are needed and I am not root: ${missing[*]}" >&2
    echo "setup: install them (apt-get install ${missing[*]}) and run me again" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: exportcheck needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
$dev && extras="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
# An editable install leaves the package without bytecode, and where PYTHONDONTWRITEBYTECODE is set (many
# containers and CI images set it) Python would compile every module again at every start: about 40 ms of
# each run. Compile them once here, as pip does for an installed package.
.venv/bin/python -m compileall -q checker >/dev/null

# The SARIF report is checked with Microsoft's SARIF Multitool (a Node package) where npm is available;
# the test that runs it is skipped on a machine without Node.
if $dev; then
  if [ -e .tools/node_modules/@microsoft/sarif-multitool/package.json ]; then :
  elif command -v npm >/dev/null 2>&1; then
    echo "setup: installing the SARIF Multitool into .tools/"
    npm install --silent --no-audit --no-fund --prefix .tools @microsoft/sarif-multitool >/dev/null
  else
    echo "setup: npm is not installed; the SARIF Multitool test will be skipped" >&2
  fi
fi
echo "setup: ready ($(.venv/bin/exportcheck --version))"
