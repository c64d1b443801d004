"""`hiremate role derive`: role profiles derived from people who do the job."""
