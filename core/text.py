"""Text as the record compares it: whitespace from PDFs, pasted articles and
forms made one kind."""

import re


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()
