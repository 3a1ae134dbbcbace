"""Synthetic players that drive the real scenes from outside, with the events a person makes."""
