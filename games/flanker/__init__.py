"""The arrow flanker task (Eriksen & Eriksen 1974; arrows as in Fan et al. 2002) with a rule-switch block."""
