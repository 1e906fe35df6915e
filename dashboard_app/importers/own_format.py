"""This app's export format: what services.export writes and importers.own_export reads.

Version 2 names the columns as the design does (migration 0012); a version 1 export, written
before, is read by renaming its columns on the way in.
"""

from __future__ import annotations

FORMAT = "metrics-tracker-export"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
DOCUMENT_NAME = "metrics-tracker.json"
# Per table, a version 1 column name -> its name since version 2.
VERSION_1_NAMES = {
    "training_sessions": {
        "mesocycle": "mesocycle_name",
        "start_time": "training_start",
        "end_time": "training_end",
    },
    "personal_records": {"value": "record_value", "achieved_on": "date"},
    "correlation_insights": {"metric_x": "primary_metric", "metric_y": "secondary_metric"},
}
