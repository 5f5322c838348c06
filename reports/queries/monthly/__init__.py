"""RPT-2: the GM's monthly report, every section grouped in the database, one module a section.

The month and the one before it are read together (grouped by month), so the comparison costs
no extra query; the report is about a dozen queries whatever the volume. Python only rolls up
the grouped rows (bounded by channels × sizes × designers, not by leads).
"""

from .common import month_key, month_of, previous_month
from .funnel import ConversionFigures
from .report import MonthlyReport, monthly_report

__all__ = [
    "ConversionFigures",
    "MonthlyReport",
    "month_key",
    "month_of",
    "monthly_report",
    "previous_month",
]
