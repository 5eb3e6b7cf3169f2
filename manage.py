#!/usr/bin/env python
"""Django's manage.py; `woonafspraken` (the console command) does the same with friendlier names."""

import sys

from woonafspraken.cli import main

if __name__ == "__main__":
    main(sys.argv[1:])
