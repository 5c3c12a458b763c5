"""Every text the YAML writer emits reads back as itself, with PyYAML's composer as the oracle (glossary
files read every scalar as text, so the node's value is what counts): in block context and inside
flow sequences and mappings."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from termbase.interchange.yaml_glossary import yaml_scalar

# Any character a UTF-8 file can hold; YAML's specials, controls and line breaks drawn often.
_SPECIAL = " \t\r\n\x00\x07\x0b\x1b\x7f\x85\x9f\xa0\u2028\u2029\ufeff\ufffe:#,[]{}&*!|>'\"%@`-?\\"
_TEXT = st.text(alphabet=st.sampled_from(_SPECIAL) | st.characters(blacklist_categories=("Cs",)), max_size=16)


def _under_k(document: str) -> yaml.Node:
    node: yaml.Node = yaml.compose(document, Loader=yaml.SafeLoader).value[0][1]
    return node


def _read_back(scalar: str) -> list[object]:
    return [
        _under_k(f"k: {scalar}\n").value,
        _under_k(f"k: [{scalar}, x]\n").value[0].value,
        _under_k(f"k: {{term: {scalar}, status: preferred}}\n").value[0][1].value,
    ]


@given(_TEXT)
def test_every_text_reads_back_as_itself(text: str) -> None:
    assert _read_back(yaml_scalar(text)) == [text] * 3


@pytest.mark.parametrize("text", ["a\x07b", "a\rb", "a\x85b", "a\tb", "a\x7fb", "é\x9fz", "a\x0bb", "x\u2029y"])
def test_control_characters_and_line_breaks_are_escaped(text: str) -> None:
    scalar = yaml_scalar(text)
    assert scalar.startswith('"') and scalar.isprintable()
    assert _read_back(scalar) == [text] * 3
