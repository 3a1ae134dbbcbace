"""Signed credentials, their status lists, and the public pages that show and verify them."""
