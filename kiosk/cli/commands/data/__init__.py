"""`hiremate data export`: researcher data."""
