"""The DIVA game, in layers (../shared/DESIGN.md, "The house"; checked by lint-imports):
core (pure rules) <- content, store, i18n <- services (use cases) <- ui (pygame) <- scenes <- autoplay, cli."""
