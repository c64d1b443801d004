"""Money exchange: the trust game (Berg, Dickhaut & McCabe 1995) both ways, then dictator and ultimatum rounds."""
