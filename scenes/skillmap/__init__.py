"""The skill map and one competence's detail."""
