"""django-simple-history's records as every tracked model keeps them here.

History is read newest first, ties by history id (`cymuned.audit.changes`, the history pages and
every object's history panel), so each history table is indexed on (history_date, history_id)
rather than on the date alone (SIMPLE_HISTORY_DATE_INDEX is off in the settings): an import writes
thousands of records with one timestamp, and the date alone left PostgreSQL sorting all of them to
find the newest page (on the national bench data set, 100,000 return records of one import).
"""

from django.db import models
from simple_history.models import HistoricalRecords


class Recorded(HistoricalRecords):
    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        meta["indexes"] = (*meta.get("indexes", ()), models.Index(fields=("history_date", "history_id")))
        return meta
