// Placeholder: the JobQueue target is filled in by its issue.
