"""The Iowa Gambling Task (Bechara et al. 1994): four decks; two pay more now and lose in the long run."""
