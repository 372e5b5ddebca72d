# The two commands of the README's quick start. Each sets everything up first (scripts/setup.sh).

.PHONY: demo test

# The terminal report and the PDF gap report of the sample with gaps. The sample has gaps, so the gate
# fails (exit 1): that is the expected outcome here, and only an input or usage error (exit 2) stops make.
demo:
	@bash scripts/setup.sh
	@mkdir -p out
	@.venv/bin/exportcheck check samples/gaps.yaml --pdf out/gap-report.pdf --html out/gap-report.html; \
	  code=$$?; [ $$code -le 1 ] || exit $$code
	@echo "demo: wrote out/gap-report.pdf and out/gap-report.html"

# The habits first (lint, format, types, the layer contract), then the tests.
test:
	@bash scripts/setup.sh --dev
	@.venv/bin/ruff check checker tests benchmarks scripts
	@.venv/bin/ruff format --check checker tests benchmarks scripts
	@.venv/bin/mypy
	@.venv/bin/lint-imports
	@.venv/bin/python -m pytest -q
