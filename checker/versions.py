"""The names a JSON document of exportcheck carries to say what wrote it: kept apart so that both the writer
(`checker.report.contract`) and the reader of an earlier document (`checker.baseline`) can name them."""

TOOL = "exportcheck"
FORMAT_VERSION = 1
