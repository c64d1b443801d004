"""`hiremate receiver retention ...`: how long the receiver keeps sessions, what it holds, the purge."""
