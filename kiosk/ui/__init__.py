"""The station's Qt shell: app, windows, screens, DB worker, lockdown, printing."""
