"""The names a JSON document of exportcheck carries to say what wrote it: kept apart so that both the writer
(`checker.report.contract`) and the reader of an earlier document (`checker.baseline`) can name them."""

TOOL = "exportcheck"
FORMAT_VERSION = 2
# Versions whose failures a baseline may be read from: version 1 listed every pass one by one, and its failures
# are written as version 2 writes them.
BASELINE_VERSIONS = (1, 2)
