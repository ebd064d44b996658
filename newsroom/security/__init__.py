"""Staff account security pages: two-factor enrolment and verification, login unlocks."""
