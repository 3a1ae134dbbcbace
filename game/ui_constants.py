"""Constants shared by settings (pure) and the UI (pygame)."""
TEXT_SCALES = (1.0, 1.2, 1.4)
