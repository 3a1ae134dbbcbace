"""Title, hub, players, pause, settings and error screens."""
