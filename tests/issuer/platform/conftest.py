"""DIVA Badges platform tests: Django, the structures and the reviewer come from tests/issuer/conftest.py."""
