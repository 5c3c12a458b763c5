"""Term spotting: every glossary term in running text, with exact spans in the original."""

from termbase.matches import Hit
from termbase.spotting.index import SpotIndex
from termbase.spotting.spotter import guess_language, spot_exact

__all__ = ["Hit", "SpotIndex", "guess_language", "spot_exact"]
