"""Group sessions: set-up, votes, dashboard, validation."""
