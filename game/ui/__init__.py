"""The pygame layer: the app loop and scene stack, widgets, theme, fonts, icons, speech, text entry, pictures."""
