"""Pure rules of the game: model, scenario steps, grading, skills, votes (no I/O, no pygame)."""
