"""`hiremate station show|new-identity`: the station's identity, and a new one on purpose."""
