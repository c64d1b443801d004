"""`hiremate receiver serve|enroll|stations|token|make-cert`: the reference receiver and its administration."""
