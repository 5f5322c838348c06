"""Trigram indexes for the complaint register's free-text search (issue 10), PostgreSQL only.

`complaints.queries._search_q` matches `icontains` on the number, customer name, summary and
document reference (PostgreSQL runs `UPPER(col::text) LIKE UPPER('%…%')`) and, for those who
may see phones, `contains` on the phone. A GIN trigram index on each of exactly those
expressions lets PostgreSQL answer the OR of them with a bitmap index scan instead of reading
every complaint. The search text needs three characters for trigrams to narrow it down.

Nothing happens on SQLite (`make test`); see staff.trigram.
"""

from django.db import migrations

from staff.trigram import trigram_indexes

TABLE = "complaints_complaint"
INDEXES = {
    "complaint_number_trgm": "upper(number)",
    "complaint_customer_name_trgm": "upper(customer_name)",
    "complaint_summary_trgm": "upper(summary)",
    "complaint_document_ref_trgm": "upper(document_ref)",
    "complaint_phone_trgm": "phone",
}


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_escalation_schedule")]

    operations = [trigram_indexes(TABLE, INDEXES)]
