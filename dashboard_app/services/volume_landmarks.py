"""Each user's volume landmarks: the published defaults, with the user's own in their place."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard_app.analytics.training_readiness import (
    VOLUME_LANDMARKS,
    VolumeLandmarks,
    merge_landmarks,
)
from dashboard_app.schemas.training import LandmarkInput
from dashboard_app.services.scope import delete_owned, select_owned, select_owned_columns
from db.models import VolumeLandmark


def user_landmarks(session: Session, user_id: int) -> dict[str, VolumeLandmarks]:
    """The default landmarks with the user's own ones in their place."""
    rows = session.scalars(select_owned(VolumeLandmark, user_id))
    own = {row.muscle_group: VolumeLandmarks(row.mv, row.mev, row.mrv) for row in rows}
    return merge_landmarks(own, VOLUME_LANDMARKS)


def own_landmark_muscles(session: Session, user_id: int) -> set[str]:
    """The muscle groups whose landmarks the user set (casefolded)."""
    query = select_owned_columns(VolumeLandmark, user_id, VolumeLandmark.muscle_group)
    return set(session.scalars(query))


def save_landmark(session: Session, user_id: int, data: LandmarkInput) -> None:
    """Set the user's landmarks of one muscle group."""
    key = data.muscle_group.casefold()
    row = session.scalar(
        select_owned(VolumeLandmark, user_id).where(VolumeLandmark.muscle_group == key)
    )
    if row is None:
        row = VolumeLandmark(user_id=user_id, muscle_group=key)
        session.add(row)
    row.mv, row.mev, row.mrv = data.mv, data.mev, data.mrv
    session.flush()


def reset_landmark(session: Session, user_id: int, muscle_group: object) -> bool:
    """Go back to the default landmarks of one muscle group; False if none were set."""
    if not isinstance(muscle_group, str):
        return False
    deleted = session.execute(
        delete_owned(VolumeLandmark, user_id).where(
            VolumeLandmark.muscle_group == muscle_group.casefold()
        )
    ).rowcount
    return deleted > 0
