"""Structures (missions locales, schools, associations): their secret, staff group and signing key."""
