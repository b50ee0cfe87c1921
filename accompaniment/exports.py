"""The figures' exports for the desk's group (CSV, XLSX): the exact breakdowns, aggregates
only — no case, no name, no address — to prepare a steering committee or a report.

CSV as French Excel reads it and safe to open (core/spreadsheets.py); XLSX with one sheet per
breakdown, its text cells stored as text (never as formulas).
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.spreadsheets import BOM, CSV_DELIMITER, neutralise_formula

from .figures import FIGURE_LABELS, FIGURES

SECTIONS = (
    ("Par profession", "by_profession", "Profession"),
    ("Par territoire", "by_territory", "Intercommunalité"),
    ("Par mois de la demande", "by_request_month", "Mois de la demande"),
    ("Par mois d'installation", "installations_by_month", "Mois d'installation"),
)
CSV_HEADINGS = ("Ventilation", "Libellé", "Code", *(FIGURE_LABELS[name] for name in FIGURES))
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def total_label(figures):
    return "Total (dont dossiers de démonstration)" if figures.includes_demo else "Total"


def _cells(item):
    """The three figures of a row, blank where the table does not give one."""
    return ["" if getattr(item, name) is None else getattr(item, name) for name in FIGURES]


def table_rows(figures):
    """(section, label, code, candidates, underway, installed) for every line of every table."""
    yield ("Ensemble", total_label(figures), "", *_cells(figures))
    for title, attribute, _ in SECTIONS:
        for row in getattr(figures, attribute):
            yield (title, row.label, row.key, *_cells(row))


def figures_csv(figures):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=CSV_DELIMITER)
    writer.writerow(CSV_HEADINGS)
    for row in table_rows(figures):
        writer.writerow([neutralise_formula(value) for value in row])
    return (BOM + output.getvalue()).encode("utf-8")


def _text_row(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if cell.data_type == "f":  # a label starting with « = » stays text
            cell.data_type = "s"
        cells.append(cell)
    return cells


def figures_xlsx(figures):
    workbook = Workbook(write_only=True)
    overview = workbook.create_sheet("Ensemble")
    overview.append(_text_row(overview, ["", *(FIGURE_LABELS[name] for name in FIGURES)]))
    overview.append(_text_row(overview, [total_label(figures), *_cells(figures)]))
    overview.append(_text_row(overview, ["Mois couverts à partir de", figures.first_month]))
    for title, attribute, heading in SECTIONS:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(_text_row(sheet, [heading, "Code", *(FIGURE_LABELS[name] for name in FIGURES)]))
        for row in getattr(figures, attribute):
            sheet.append(_text_row(sheet, [row.label, row.key, *_cells(row)]))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
