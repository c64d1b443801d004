"""`hiremate receiver norms build`: norm tables from the sessions the receiver holds."""
