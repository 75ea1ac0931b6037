"""HTML for the check's results: a quotation with each difference from the
report marked, and the report's paragraph with the matched stretch marked.
Every piece of text is escaped; the pages and the admin show these.

It reads each part's kind by name ("equal", "variant", "omitted" ...: the
names the JSON API gives differences too) and imports nothing of the
engine, which hands its parts here for the templates (Match.diff_html)."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString


def render_paragraph(text, spans):
    """The paragraph, escaped, with each (start, end) stretch in <mark>."""
    html = SafeString("")
    at = 0
    for start, end in spans:
        html += escape(text[at:start]) + format_html("<mark>{}</mark>", text[start:end])
        at = end
    return html + escape(text[at:])


def render_parts(parts):
    """Parts as HTML: the quotation's words, with each difference from the
    report in <del> (the report's) and <ins> (the quotation's) and a label
    for screen readers. Every piece of text is escaped."""
    html = SafeString("")
    for n, part in enumerate(parts):
        word = _word_html(part)
        if word is None:
            continue
        if n and not part.attach:
            html += SafeString(" ")
        html += escape(part.prefix) + word + escape(part.suffix)
    return html


def _word_html(part):
    """One part's word(s), marked by kind; None for a kind never shown."""
    if part.kind == "equal":
        return escape(part.quote)
    if part.kind in ("variant", "changed"):
        css = "qc-variant" if part.kind == "variant" else "qc-changed"
        return format_html(
            '<del class="{}"><span class="visually-hidden">report says: </span>{}</del> '
            '<ins class="{}"><span class="visually-hidden">quoted as: </span>{}</ins>',
            css,
            part.report,
            css,
            part.quote,
        )
    if part.kind in ("added", "missing", "punctuation"):
        word = SafeString("")
        if part.report:
            word += format_html(
                '<del class="qc-missing"><span class="visually-hidden">missing: </span>{}</del>',
                part.report,
            )
        if part.quote:
            word += format_html(
                '<ins class="qc-added"><span class="visually-hidden">added: </span>{}</ins>',
                part.quote,
            )
        return word
    if part.kind == "omitted":
        return format_html(
            '<span class="qc-omitted">…<span class="visually-hidden"> ({} left out at the '
            "ellipsis, not a difference)</span></span>",
            part.note,
        )
    return None
