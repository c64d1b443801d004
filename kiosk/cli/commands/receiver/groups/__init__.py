"""`hiremate receiver groups import|list`: optional, consented group labels for the adverse-impact audit."""
