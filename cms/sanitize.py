"""The one place user-submitted HTML and text are cleaned before they are stored or shown.

nh3 (bindings to the Rust Ammonia sanitiser) does the work; changing sanitiser means changing
only this module. Anything from a form is cleaned here *before* it is stored: Wagtail cleans
rich text only on the editor's round trip.
"""

import html
import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4", "code"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


def clean_html(html):
    """Return ``html`` reduced to the allow-list: no scripts, handlers, styles or odd URLs."""
    return nh3.clean(
        strip_control_characters(html or ""),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def strip_tags(text):
    """Return ``text`` as plain text with every tag removed, for fields that hold plain text.

    The result is *unescaped* text: templates escape it when they render it, as they do any
    plain-text value.
    """
    return html.unescape(nh3.clean(strip_control_characters(text or ""), tags=set(), attributes={}))


def strip_control_characters(text):
    """Remove NULs and other control characters that browsers and databases treat oddly."""
    return _CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def contains_markup(text):
    """True when ``text`` holds something a browser would read as a tag or comment."""
    return bool(_MARKUP.search(text or ""))


def text_to_paragraphs(text):
    """Turn plain text into safe HTML paragraphs: blank lines split paragraphs, single newlines
    become line breaks, and every character of the text is escaped."""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(strip_control_characters(text or "")) if p.strip()]
    return "".join(
        "<p>{}</p>".format("<br>".join(escape(line) for line in paragraph.split("\n")))
        for paragraph in paragraphs
    )
