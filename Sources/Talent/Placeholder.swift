// Placeholder: the Talent target is filled in by its issue.
