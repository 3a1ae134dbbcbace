"""Badge requests: co-build with the player, then export."""
