"""Placement on the dashboard's 12-column grid: pure functions on plain boxes.

They follow react-grid-layout's rules (vertical compaction, items pushed down out of the way),
so a layout the server changes looks the same once the browser's grid has laid it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

COLUMNS = 12


@dataclass(frozen=True)
class Box:
    id: int
    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h


def overlaps(a: Box, b: Box) -> bool:
    return (
        a.id != b.id and a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
    )


def reading_order(boxes: Iterable[Box]) -> list[Box]:
    """Top to bottom, then left to right, as a reader (and the one-column phone view) meets them."""
    return sorted(boxes, key=lambda box: (box.y, box.x, box.id))


def bottom(boxes: Iterable[Box]) -> int:
    return max((box.bottom for box in boxes), default=0)


def _first_collision(placed: list[Box], box: Box) -> Box | None:
    return next((other for other in placed if overlaps(other, box)), None)


def compact(boxes: Iterable[Box]) -> list[Box]:
    """Float every box up until it meets one above it, in reading order (vertical compaction)."""
    placed: list[Box] = []
    for box in reading_order(boxes):
        while box.y > 0 and _first_collision(placed, replace(box, y=box.y - 1)) is None:
            box = replace(box, y=box.y - 1)
        while (collision := _first_collision(placed, box)) is not None:
            box = replace(box, y=collision.bottom)
        placed.append(box)
    return placed


def settle(boxes: Iterable[Box], fixed_id: int) -> list[Box]:
    """Keep the box fixed_id where it is, push every box it covers down, then compact."""
    boxes = list(boxes)
    fixed = next(box for box in boxes if box.id == fixed_id)
    placed = [fixed]
    for box in reading_order(box for box in boxes if box.id != fixed_id):
        while (collision := _first_collision(placed, box)) is not None:
            box = replace(box, y=collision.bottom)
        placed.append(box)
    return compact(placed)


def swap_in_order(boxes: Iterable[Box], box_id: int, step: int) -> list[Box]:
    """Exchange the places of box_id and its neighbour step places away in reading order.

    The keyboard's (and the phone's) way to move a widget without dragging it. The two boxes
    keep their sizes; whatever they then cover is pushed down.
    """
    ordered = reading_order(boxes)
    index = next(i for i, box in enumerate(ordered) if box.id == box_id)
    other_index = index + step
    if not 0 <= other_index < len(ordered):
        return compact(ordered)
    moved, other = ordered[index], ordered[other_index]
    rest = [box for box in ordered if box.id not in (moved.id, other.id)]
    # The box that goes earlier takes the place of the one it passes, which makes way.
    first, second = (moved, other) if step < 0 else (other, moved)
    first_to = replace(first, x=min(second.x, COLUMNS - first.w), y=second.y)
    second_to = replace(second, x=min(first.x, COLUMNS - second.w), y=first.y)
    swapped = settle([*rest, second_to, first_to], first.id)
    if _precedes(swapped, first.id, second.id):
        return swapped
    # Boxes of different widths can float past each other; starting the row wins the place.
    return settle([*rest, second, replace(first, x=0, y=second.y)], first.id)


def _precedes(boxes: list[Box], earlier_id: int, later_id: int) -> bool:
    order = [box.id for box in reading_order(boxes)]
    return order.index(earlier_id) < order.index(later_id)
