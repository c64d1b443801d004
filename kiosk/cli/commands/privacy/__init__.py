"""`hiremate privacy ...`: retention, the purge, erasure and withdrawal, tombstones and the access record."""
