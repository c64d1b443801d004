"""The recruiter view: completed sessions behind the recruiter's own PIN, reports, a shortlist, comparisons."""
