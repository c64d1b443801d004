"""Card match (memory cards, seed 001): find the pairs on a grid of face-down cards, two flips per move."""
