"""The use cases scenes and commands call: play session, skill map, badges, group, counsellor, portfolio, export."""
