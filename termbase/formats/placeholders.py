"""Placeholders and markup inside segment text: printf (``%s``, ``%1$d``), Python (``%(name)s``,
``{0}``, ``{name}``), HTML/XML tags and entities. They are code, not words: the checks read the
text with them blanked out (same length, so every offset stays).
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDER", "mask_placeholders"]

PLACEHOLDER = re.compile(
    r"""
      %%                                                      # a literal percent sign
    | %\([^()\s]+\)[-+\ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]   # Python named: %(name)s
    | %(?:\d+\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?
       (?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn@] # printf, positional too: %1$d, %.2f, %@
    | \{\d*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}        # str.format by position: {} {0} {0:>8}
    | \{[A-Za-z_]\w*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}  # and by name: {name} {user.id}
    | </?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>                   # a start, end or empty tag
    | &(?:[A-Za-z][A-Za-z0-9]*|\#\d+|\#[xX][0-9A-Fa-f]+);     # an entity or character reference
    """,
    re.VERBOSE,
)
"""One placeholder or piece of markup."""


def mask_placeholders(text: str) -> str:
    """``text`` with every placeholder and tag replaced by spaces of the same length."""
    return PLACEHOLDER.sub(lambda match: " " * len(match.group()), text)
