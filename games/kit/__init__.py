"""What the memory and attention games share (issue 14): replay crash resume, timed trials, Qt widgets."""
