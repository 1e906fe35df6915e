"""Plates on a barbell and loads rounded to what the equipment can make (pure code).

The calculator loads each side with the heaviest plates first. With the plate sets gyms have
(each plate at least twice the size of the smallest, in pairs without limit) that reaches
every multiple of the smallest plate, so the only question is whether to round a target down
or up: the nearer one wins, a tie goes down (a lighter set is the safer miss).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboard_app.units import KG_PER_LB

STANDARD_BAR = {"kg": 20.0, "lb": 45 * KG_PER_LB}
STANDARD_PLATES = {
    "kg": (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    "lb": tuple(p * KG_PER_LB for p in (45, 35, 25, 10, 5, 2.5)),
}
# The smallest step of dumbbells, machines and cables in each unit: racks go up in 2 kg or
# 2.5 kg, 5 lb.
OTHER_STEP = {"kg": 2.5, "lb": 5 * KG_PER_LB}
BARBELL_EQUIPMENT = frozenset({"Barbell", "E-Z Curl Bar"})
_EPSILON = 1e-6


@dataclass(frozen=True)
class PlateLoad:
    """A barbell load: its total in kg and the plates on each side, heaviest first."""

    total_kg: float
    bar_kg: float
    per_side: tuple[float, ...]


def _greedy(per_side: float, plates: Sequence[float]) -> list[float]:
    chosen, left = [], per_side
    for plate in plates:
        while left + _EPSILON >= plate:
            chosen.append(plate)
            left -= plate
    return chosen


def load_plates(target_kg: float, bar_kg: float, plates_kg: Sequence[float]) -> PlateLoad:
    """The load nearest target_kg that the bar and these plates (pairs, any number) make."""
    plates = sorted((p for p in plates_kg if p > 0), reverse=True)
    side = (target_kg - bar_kg) / 2
    if not plates or side <= _EPSILON:
        return PlateLoad(bar_kg, bar_kg, ())
    below = _greedy(side, plates)
    above = _greedy(side + plates[-1], plates)
    low, high = sum(below), sum(above)
    chosen = below if side - low <= high - side + _EPSILON else above
    return PlateLoad(bar_kg + 2 * sum(chosen), bar_kg, tuple(chosen))


def round_to_step(load_kg: float, step_kg: float) -> float:
    """The nearest multiple of step_kg (a tie goes down)."""
    if step_kg <= 0:
        return load_kg
    steps = load_kg / step_kg
    whole = int(steps)
    return (whole + (steps - whole > 0.5 + _EPSILON)) * step_kg


@dataclass(frozen=True)
class Equipment:
    """What rounds a user's loads: their unit, bar and plates (kg)."""

    unit: str
    bar_kg: float
    plates_kg: tuple[float, ...]

    @classmethod
    def of(cls, unit: str, bar_kg: float | None, plates_kg: Sequence[float] | None) -> Equipment:
        """The user's settings, the usual bar and plates of their unit where they set none."""
        return cls(
            unit,
            STANDARD_BAR[unit] if bar_kg is None else bar_kg,
            tuple(plates_kg) if plates_kg else STANDARD_PLATES[unit],
        )

    def step_kg(self, equipment: str | None) -> float:
        """The smallest load change the equipment allows: a pair of the smallest plates."""
        if equipment in BARBELL_EQUIPMENT:
            return 2 * min(self.plates_kg)
        return OTHER_STEP[self.unit]

    def rounded(self, load_kg: float, equipment: str | None) -> float:
        """load_kg as the nearest load the equipment can make (0 stays 0: one's own weight)."""
        if load_kg <= 0:
            return 0.0
        if equipment in BARBELL_EQUIPMENT:
            if load_kg < self.bar_kg:
                return round(load_kg, 3)  # a lighter bar than the usual one: leave it
            return round(load_plates(load_kg, self.bar_kg, self.plates_kg).total_kg, 3)
        return round(round_to_step(load_kg, OTHER_STEP[self.unit]), 3)
