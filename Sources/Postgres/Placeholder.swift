// Placeholder: the Postgres target is filled in by its issue.
