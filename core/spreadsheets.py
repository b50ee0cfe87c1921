"""Every CSV the project writes is safe to open in a spreadsheet and readable by French Excel.

- Formula injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or a
  carriage return is run as a formula by Excel and LibreOffice (`=HYPERLINK(...)` in a
  listing title). Such text cells get a leading apostrophe, which spreadsheets show as
  text and do not display. Numbers are left alone.
- UTF-8 with a byte order mark and ";" as separator: what French Excel expects, like the
  open data (opendata/formats.py).

`SafeSpreadsheetExportMixin` applies both to Wagtail's admin exports (CSV; its XLSX export
already stores formulas as text).
"""

import csv

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
BOM = "\ufeff"


def neutralise_formula(value):
    """`value` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns the line: csv writers then stream."""

    def write(self, value):
        return value


class SafeSpreadsheetExportMixin:
    """For views using Wagtail's SpreadsheetExportMixin (index views, reports)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield BOM + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))
