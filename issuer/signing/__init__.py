"""Signing and verifying DIVA Badges credentials: Data Integrity eddsa-rdfc-2022, DIDs, status lists.

Pure Python (cryptography, PyLD), no Django and no network: the platform calls it, tests call it.
"""
