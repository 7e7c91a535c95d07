"""Finding the entity a stretch of text refers to, for the steps that run after entities
(events, claims, relations): they know offsets, not entity keys."""

from __future__ import annotations

from kg.model import Entity, Extraction


def entity_at(extraction: Extraction, begin: int, end: int) -> Entity | None:
    """The entity with the tightest mention that contains ``begin..end``, else the one whose
    mention lies inside it (the longest), else None. Ties go to the first entity by key.

    >>> from kg.model import Article, EntityType, Mention
    >>> x = Extraction(Article(body="Ali Bo spoke."))
    >>> x.entities["person:ali-bo"] = Entity("person:ali-bo", EntityType.PERSON, "Ali Bo",
    ...                                      mentions=[Mention(0, 6, "Ali Bo")])
    >>> entity_at(x, 4, 6).key, entity_at(x, 0, 12).key, entity_at(x, 7, 12)
    ('person:ali-bo', 'person:ali-bo', None)
    """
    containing = [
        (m.end - m.begin, key)
        for key, e in extraction.entities.items()
        for m in e.mentions
        if m.begin <= begin and end <= m.end
    ]
    if containing:
        return extraction.entities[min(containing)[1]]
    inside = [
        (-(m.end - m.begin), key)
        for key, e in extraction.entities.items()
        for m in e.mentions
        if begin <= m.begin and m.end <= end
    ]
    return extraction.entities[min(inside)[1]] if inside else None
