"""`hiremate sync run|status|set-endpoint|set-ca|set-recipient`: upload the outbox, show it, and the station's sync
settings."""
