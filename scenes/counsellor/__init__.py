"""The counsellor's screens behind the PIN."""
