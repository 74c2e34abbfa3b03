"""Reads of the learning app, one module per subject: the course's modules and lessons
(``course``), a trainee's progress across the phases (``progress``), editions and people's
places in them (``editions``), the cohort pages of the course team (``cohort``), reflections
(``reflections``), what a trainee did inside a lesson (``lessons``) and certificates
(``certificates``). Import what you need from its module: this package re-exports nothing, so
that importing one subject never loads the others."""
