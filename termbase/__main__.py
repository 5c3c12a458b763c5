"""``python -m termbase``."""

from termbase.cli import console_main

raise SystemExit(console_main())
