"""Effort choice (EEfRT, Treadway et al. 2009): choose an easy task for a small reward or a hard one for more."""
