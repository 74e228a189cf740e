"""Serverless Planner in the terminal. Run: python cli.py --help (the commands are in commands/)."""

import sys

from commands.main import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
