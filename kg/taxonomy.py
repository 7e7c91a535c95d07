"""The event and entity taxonomy, read from the ontology once instead of being copied.

``ontology/nkg.ttl`` is the one source of which event and entity classes exist, how they
nest (``rdfs:subClassOf``), which ACLED types each matches (``skos:closeMatch``) and which
event classes are one-sided harm done to a target (``nkg:harmsTarget true``, inherited by
subclasses). The extraction, the RDF mapping and the evaluation ask :func:`load_taxonomy`
instead of keeping their own lists, so adding an event class is an edit of the ontology
(the class, its place in the hierarchy, its ACLED match) and of the trigger lexicon
(``data/lexicons/triggers.yaml``): no code changes.

The contract's classes keep their Python names (:class:`kg.model.EventType`,
:class:`kg.model.EntityType`); a class the ontology adds beyond them travels as its local
name (a plain ``str``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import ConfigError
from kg.model import EventType
from kg.resources import ontology_file

NS = "https://w3id.org/newskg/ontology#"
_EVENT = URIRef(NS + "Event")
_HARMS = URIRef(NS + "harmsTarget")
#: the contract's entity classes, the roots of the entity hierarchy
ENTITY_ROOTS = ("Person", "Organisation", "Place", "Community")


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Event and entity classes by local name.

    Args:
        events: every subclass of ``nkg:Event`` (transitively), sorted.
        parents: each class's superclasses within its hierarchy, nearest first
            (``nkg:Event`` itself left out).
        harms: event classes whose events harm a target (``nkg:harmsTarget``).
        acled: each event class's ``skos:closeMatch`` IRIs, sorted.
        entities: the entity classes (the contract's roots and their subclasses), sorted.
    """

    events: tuple[str, ...]
    parents: dict[str, tuple[str, ...]]
    harms: frozenset[str]
    acled: dict[str, tuple[str, ...]]
    entities: tuple[str, ...]

    def superclasses(self, name: str) -> tuple[str, ...]:
        """The classes above ``name`` that are written out with it, nearest first."""
        return self.parents.get(str(name), ())

    def is_a(self, name: str, ancestor: str) -> bool:
        """``name`` is ``ancestor`` or one of its subclasses."""
        return str(name) == str(ancestor) or str(ancestor) in self.superclasses(name)

    def subclasses(self, ancestor: str) -> frozenset[str]:
        """``ancestor`` and every event or entity class below it."""
        return frozenset(c for c in (*self.events, *self.entities) if self.is_a(c, ancestor))

    def harms_target(self, name: str) -> bool:
        """Events of class ``name`` are one-sided harm done by a perpetrator to a target."""
        return str(name) in self.harms

    def event_class(self, name: str) -> str:
        """``name`` checked against the ontology's event classes: the
        :class:`~kg.model.EventType` member for a contract class (so that ``is`` comparisons
        hold), the plain name for a class the ontology adds.

        Raises:
            ConfigError: KG107, the ontology has no such event class.
        """
        if str(name) not in self.events:
            raise ConfigError(
                "KG107",
                f"{name!r} is not an event class of the ontology (known: {', '.join(self.events)})",
            )
        try:
            return EventType(str(name))
        except ValueError:
            return str(name)


def _local(node: object) -> str | None:
    text = str(node)
    return text[len(NS) :] if isinstance(node, URIRef) and text.startswith(NS) else None


def _below(graph: Graph, roots: Iterable[URIRef]) -> dict[str, tuple[str, ...]]:
    """Every nkg class under ``roots`` with its nkg superclasses up to a root, nearest
    first (breadth-first, so a class's direct parents come before theirs)."""
    direct: dict[str, list[str]] = {}
    for child, parent in graph.subject_objects(RDFS.subClassOf):
        c, p = _local(child), _local(parent)
        if c is not None and p is not None:
            direct.setdefault(c, []).append(p)
    root_names = {_local(r) for r in roots}
    found: dict[str, tuple[str, ...]] = {}
    for name in sorted(direct):
        chain: list[str] = []
        frontier = sorted(direct[name])
        reached = False
        while frontier:
            nxt: list[str] = []
            for p in frontier:
                if p in root_names:
                    reached = True
                if p not in chain:
                    chain.append(p)
                    nxt.extend(sorted(direct.get(p, ())))
            frontier = nxt
        if reached:
            found[name] = tuple(chain)
    return found


@cache
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy of the ontology at ``path`` (default: the shipped ``ontology/nkg.ttl``).

    Raises:
        ConfigError: KG107, the ontology cannot be read or declares no event class.
    """
    source = path or ontology_file()
    graph = Graph()
    try:
        graph.parse(source, format="turtle")
    except Exception as e:  # rdflib raises many types on a bad file
        raise ConfigError("KG107", f"{source}: cannot read the ontology ({e})") from e
    below_event = _below(graph, [_EVENT])
    events = tuple(sorted(below_event))
    if not events:
        raise ConfigError("KG107", f"{source}: the ontology declares no subclass of nkg:Event")
    parents = {name: tuple(p for p in chain if p != "Event") for name, chain in below_event.items()}
    marked = {
        _local(s)
        for s, o in graph.subject_objects(_HARMS)
        if isinstance(o, Literal) and o.toPython() is True
    }
    harms = frozenset(e for e in events if e in marked or marked & set(parents[e]))
    acled = {
        e: tuple(sorted(str(o) for o in graph.objects(URIRef(NS + e), SKOS.closeMatch)))
        for e in events
    }
    below_entities = _below(graph, [URIRef(NS + r) for r in ENTITY_ROOTS])
    for root in ENTITY_ROOTS:
        below_entities.setdefault(root, ())
    parents.update({name: chain for name, chain in below_entities.items() if name not in parents})
    entities = tuple(sorted(below_entities))
    return Taxonomy(events=events, parents=parents, harms=harms, acled=acled, entities=entities)


__all__ = ["ENTITY_ROOTS", "Taxonomy", "load_taxonomy"]
