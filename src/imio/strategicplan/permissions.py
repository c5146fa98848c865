"""Permission ids (as declared in permissions.zcml)."""

EDIT_COMMITMENTS = "imio.strategicplan.EditCommitments"
EDIT_FOLLOW_UP = "imio.strategicplan.EditFollowUp"
RECORD_FOLLOW_UP_REVIEW = "imio.strategicplan.RecordFollowUpReview"
