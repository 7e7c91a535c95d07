"""Wire datelines ("BEIRUT, July 16 (Reuters) - ", "GOMA, Democratic Republic of Congo, Jan 29
(Reuters) -"): the parser reads the lead sentence that follows one as an apposition of the
place, so that the lead, the most important sentence of wire copy, loses its verb. The event
step parses the body again with the dateline blanked (same length, so every character offset
stays valid), starting a sentence after every line break; the dateline itself states no
event (its date is the publication date)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.nlp import load_nlp
from kg.extract.sentences import doc_text

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: An upper-case place (with optional ", Country" parts), a date, an optional agency in
#: brackets and a dash, at the start of a line.
DATELINE = re.compile(
    rf"^[A-Z][A-Z.'/ -]*[A-Z](?:,[ ]+[A-Z][\w.' -]*?)*,[ ]+{_MONTH}[ ]+\d{{1,2}}"
    r"(?:,[ ]+\d{4})?[ ]*(?:\([^)\n]{1,40}\))?[ ]*[-\u2013\u2014]+[ ]*",
    re.MULTILINE,
)


def blank_datelines(text: str) -> str | None:
    """``text`` with every dateline replaced by spaces, or None when it has none."""
    found = False

    def blank(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        return " " * len(m.group(0))

    out = DATELINE.sub(blank, text)
    return out if found else None


def without_datelines(doc: Doc, model: str) -> Doc:
    """``doc`` parsed again with its datelines blanked, by the pipeline named ``model``
    (``name-version``, :func:`kg.extract.nlp.model_name`); ``doc`` itself when it has no
    dateline or the pipeline cannot be loaded."""
    text = blank_datelines(doc_text(doc))
    if text is None or not model:
        return doc
    try:
        nlp = load_nlp(model.rsplit("-", 1)[0])
    except Exception:  # noqa: BLE001 - no second parse is better than no events
        return doc
    return _parse_by_paragraph(nlp, text)


def _parse_by_paragraph(nlp, text: str) -> Doc:  # type: ignore[no-untyped-def]
    """Run ``nlp`` on ``text`` with a sentence start after every line break, so that a photo
    credit ("REUTERS/Name") or a caption is never parsed into the lead that follows it."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if not tok.is_space and ("\n" in before.text or "\n" in before.whitespace_):
            tok.is_sent_start = True
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
