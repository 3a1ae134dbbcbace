"""The interface's words in gettext catalogues, and French typesetting."""
