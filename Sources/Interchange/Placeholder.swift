// Placeholder: the Interchange target is filled in by its issue.
