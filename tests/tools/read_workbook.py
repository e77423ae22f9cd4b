#!/usr/bin/python3
"""Prints an .xlsx workbook as JSON, for the workbook tests: per sheet, in order, its frozen
cell, autofilter range and every row's values and number formats.

usage: read_workbook.py FILE.xlsx   (exit 3 when openpyxl is not installed)"""
import datetime
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.exit(3)


def value(v):
    if isinstance(v, datetime.time):
        return v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    if isinstance(v, datetime.datetime):  # a time of day or duration read as a date
        return (v - datetime.datetime(1899, 12, 30)).total_seconds()
    return v


book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    sheets.append({
        "name": ws.title,
        "frozen": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "values": [[value(c.value) for c in row] for row in ws.iter_rows()],
        "formats": [[c.number_format for c in row] for row in ws.iter_rows()],
        "bold": [c.font.b for c in next(ws.iter_rows(max_row=1), [])],
    })
json.dump({"sheets": sheets}, sys.stdout)
