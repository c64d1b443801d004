"""`hiremate receiver token create|list|revoke`: read tokens for the receiver's GET API."""
