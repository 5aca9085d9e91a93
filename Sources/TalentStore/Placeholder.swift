// Placeholder: filled in by the annual review issue.
