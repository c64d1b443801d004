"""The balloon analogue risk task (BART; Lejuez et al. 2002): pump a balloon for money, collect before it bursts."""
