"""The closed sets of values the tables store, as plain tuples (importing nothing).

The models check these in the database; schemas, pages and analytics read them from here.
"""

from __future__ import annotations

WEIGHT_UNITS = ("kg", "lb")
HEIGHT_UNITS = ("cm", "in")
THEMES = ("light", "dark")
# The dashboard's time ranges (dashboard_app.ranges names them and counts their days).
DASHBOARD_VIEWS = ("7d", "30d", "90d", "1y", "all")
E1RM_FORMULAS = ("brzycki", "epley")
RECORD_TYPES = (
    "e1rm",
    "max_load",
    "max_reps",
    "max_volume",
    "max_duration",
    "max_distance",
    "best_pace",
    "session_volume",
)
# How an exercise is measured: load x reps, reps of one's own weight (a load is extra), a
# hold in seconds, a distance with its time.
EXERCISE_KINDS = ("weight", "bodyweight", "duration", "distance")
