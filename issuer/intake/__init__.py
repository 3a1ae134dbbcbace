"""Intake: `POST /badge-requests` exactly as export/PROTOCOL.md says."""
