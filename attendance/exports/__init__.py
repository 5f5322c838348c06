"""Attendance's Excel workbooks, written in the reader's language and never as formulae (SEC-7):
the monthly summary (ATT-8) in `summary`, the month's pay statements (COM-5) in `pay`."""

from .pay import month_workbook, pay_title
from .summary import summary_title, summary_workbook

__all__ = ["month_workbook", "pay_title", "summary_title", "summary_workbook"]
