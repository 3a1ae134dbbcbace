"""Constants shared by settings (pure) and the UI (pygame)."""
TEXT_SCALES = (1.0, 1.15, 1.3)  # the text-size setting's three steps
