"""Assessing: what the data say about each target (status, pace, the peak test) and the
edition records that say what changed. Imports only `inputs`."""
