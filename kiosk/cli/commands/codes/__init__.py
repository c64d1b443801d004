"""`hiremate codes issue|list`: one-time access codes."""
