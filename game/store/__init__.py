"""The SQLite store of the game, its migrations and its outbox table."""
