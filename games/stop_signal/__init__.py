"""The stop-signal task to the consensus guide of Verbruggen et al. (2019): a choice go task, stop on a signal."""
