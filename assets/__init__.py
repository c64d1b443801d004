"""Content shipped with the app: batteries, scenarios, consent text, role profiles."""
