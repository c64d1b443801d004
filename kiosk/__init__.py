"""HireMate Station: the station's services, its Qt shell and the `hiremate` command line."""

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it; kiosk.services.version serves it)
