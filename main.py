"""DIVA: run the game or one of its commands (see `python main.py --help`)."""
from game.cli import main

if __name__ == "__main__":
    main()
