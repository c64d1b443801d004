"""Emotion faces: schematic faces (drawn by our code) at graded intensities; name the emotion, then faces in context."""
