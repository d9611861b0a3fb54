"""Reports of a run's results. Never imports pytest."""
