"""Trigram indexes for the lead list's free-text search (issue 10), on PostgreSQL only.

`leads.queries.search_filter` matches `icontains` on the customer name, community and building
(PostgreSQL runs `UPPER(col::text) LIKE UPPER('%…%')`) and `contains` on the phone for partial
digits. A GIN trigram index on each of exactly those expressions lets PostgreSQL answer the OR
of them with a bitmap index scan instead of reading every lead. The search text needs three
characters for trigrams to narrow it down; shorter text still reads the table.

Nothing happens on SQLite (`make test`); see staff.trigram.
"""

from django.db import migrations

from staff.trigram import trigram_indexes

TABLE = "leads_lead"
INDEXES = {
    "lead_customer_name_trgm": "upper(customer_name)",
    "lead_community_trgm": "upper(community)",
    "lead_building_trgm": "upper(building)",
    "lead_phone_trgm": "phone",
}


class Migration(migrations.Migration):
    dependencies = [("leads", "0009_callback_reminder_schedule")]

    operations = [trigram_indexes(TABLE, INDEXES)]
