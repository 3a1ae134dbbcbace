"""Endorsement: people and partners vouch for a badge with signed OB 3.0 EndorsementCredentials."""
