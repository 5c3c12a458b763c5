"""``python -m termbase``."""

from termbase.cli import main

raise SystemExit(main())
