"""`hiremate norms build`: norm tables from the station's sessions."""
