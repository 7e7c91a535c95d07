"""Events, their roles, places, times and casualty figures, claims and relations, read from
a parsed article with the lexicons of ``data/lexicons/``.

Public entry point: :func:`add_events`, an extraction post-step.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kg.extract.events.assemble import assemble
from kg.extract.events.claims import ClaimReader
from kg.extract.events.coref import Coref
from kg.extract.events.dateline import without_datelines
from kg.extract.events.doc import Ctx
from kg.extract.events.figures import FigureReader
from kg.extract.events.lexicon import load_lexicon
from kg.extract.events.relations import RelationReader
from kg.extract.events.roles import clash_parties, fill_roles
from kg.extract.events.triggers import find_triggers
from kg.extract.events.when import TimeFinder
from kg.extract.events.where import PlaceFinder
from kg.model import Extraction

__all__ = ["add_events"]


def add_events(doc: Doc, extraction: Extraction, *, lexicons: Path | None = None) -> None:
    """Append the article's events, claims, relations and described role fillers.

    Uses the entities already in ``extraction.entities`` (mapped to tokens by their
    mention offsets) and appends to ``extraction.events``, ``claims``, ``relations`` and
    ``described``.

    Args:
        doc: the parsed article body (offsets match the entities' mentions).
        extraction: the extraction to complete.
        lexicons: a lexicon folder other than ``data/lexicons`` (tests).
    """
    doc = without_datelines(doc, extraction.model_name)
    ctx = Ctx.build(doc, extraction, load_lexicon(lexicons))
    # mentions inside a blanked dateline have no tokens left to stand for them
    ctx.spans = [s for s in ctx.spans if ctx.text[s.begin : s.end].strip()]
    extraction.relations.extend(RelationReader(ctx).read())
    claims = ClaimReader(ctx)
    extraction.claims.extend(claims.read())
    cands = find_triggers(ctx)
    for cand in cands:
        fill_roles(ctx, cand)
    clash_parties(cands)
    places, times = PlaceFinder(ctx), TimeFinder(ctx)
    coref = Coref(ctx, places, times)
    groups = coref.group(coref.hosts(cands))
    figures = FigureReader(ctx).figures()
    assemble(ctx, groups, figures, claims.scopes, places, times, coref, unnamed=claims.unnamed)
