"""An empty sheet of a record list: its header row, and in a workbook a second sheet explaining each column.

The explanation is the column's field, its Chinese name, what a cell holds, whether a row needs it, the words
it takes and the field's description, in the language asked for (templates/i18n.yaml, `sheet_template`).
"""

from __future__ import annotations

import csv
import io

from checker import i18n
from checker.bilingual import Lang
from checker.profile.sheets import LIST_SEPARATOR, Column, columns

TEMPLATE_FORMATS = ("xlsx", "csv")


def header(column: Column, lang: Lang) -> str:
    return column.name_zh if lang == "zh" and column.name_zh else column.name


def csv_template(records: str, lang: Lang) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerow([header(column, lang) for column in columns(records)])
    # With a byte-order mark, spreadsheet programs open Chinese headers as UTF-8.
    return text.getvalue().encode("utf-8-sig")


def xlsx_template(records: str, lang: Lang) -> bytes:
    import openpyxl  # imported here: only writing a workbook pays for it
    from openpyxl.styles import Font

    def t(key: str, **values: str) -> str:
        return i18n.t("sheet_template", key, lang, **values)

    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.title = records
    data.append([header(column, lang) for column in columns(records)])
    data.freeze_panes = "A2"
    guide = book.create_sheet(t("guide_sheet"))
    guide.append([t(key) for key in ("column", "column_zh", "holds", "required", "words", "meaning")])
    descriptions = i18n.catalogue()["profile_schema"]
    for column in columns(records):
        holds = t(f"kind_{column.kind}")
        guide.append(
            [
                column.name,
                column.name_zh or "",
                t("list_of", kind=holds, separator=LIST_SEPARATOR) if column.is_list else holds,
                t("yes") if column.required else "",
                ", ".join(column.words),
                descriptions.get(column.described_by, {}).get(lang, ""),
            ]
        )
    for sheet in (data, guide):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
