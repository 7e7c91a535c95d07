"""A span of an article's body: the grounding of every fact."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A mention in an article body.

    Offsets are Unicode code points into the article body (the file's text after its
    front-matter block, unchanged), ``begin`` inclusive and ``end`` exclusive, so that
    ``article.body[begin:end] == text``.

    Args:
        begin: first code point of the mention.
        end: one past the last code point.
        text: the exact surface text.
        label: what kind of mention it is (an NER label such as ``PERSON``, ``TRIGGER``,
            ``REPORTING``, ``NUMBER``); informative only.
    """

    begin: int
    end: int
    text: str
    label: str = ""

    def __post_init__(self) -> None:
        if self.begin < 0 or self.end <= self.begin:
            raise ValueError(f"bad mention offsets {self.begin}..{self.end} for {self.text!r}")
        if len(self.text) != self.end - self.begin:
            raise ValueError(f"mention text {self.text!r} does not span {self.begin}..{self.end}")
