"""The five mechanics (dialogue, ordering, identify, experience, budget) and the debrief."""
