// Placeholder: the TalentJobs target is filled in by its issue.
