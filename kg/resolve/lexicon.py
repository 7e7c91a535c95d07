"""The knowledge files of ``data/patterns/`` (see its README), loaded once into plain Python.

Shared by extraction (rulers), resolution (names, titles, sides) and evaluation
(nationality adjectives). Pure Python: no spaCy here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ConfigError
from kg.resources import data_dir


def patterns_dir() -> Path:
    return data_dir() / "patterns"


@dataclass(frozen=True, slots=True)
class Title:
    """A title or honorific: its words, the role it gives (or None), and whether the role
    heads a state or government."""

    words: tuple[str, ...]
    role: str | None
    incumbent: bool


@dataclass(frozen=True, slots=True)
class ArmedGroupLexicon:
    """Head nouns of described armed groups and everything around them."""

    heads: dict[str, str]
    head_requires_modifier: dict[str, frozenset[str]]
    modifiers: frozenset[str]
    unit_nouns: frozenset[str]
    connectors: dict[tuple[str, ...], str]
    connector_heads: dict[str, frozenset[str]]
    anchor_nouns: frozenset[str]
    cues: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything in ``data/patterns/``."""

    non_entities: frozenset[str]
    nationalities: dict[str, str]  # adjective or plural -> country name
    communities: dict[str, str]  # form -> community label
    titles: tuple[Title, ...]
    descriptors: dict[tuple[str, ...], str]  # lower-case words -> entity type name
    armed_group_names: frozenset[str]  # lower-case
    place_name_words: frozenset[str]
    areas: dict[str, str]  # geographic noun or its adjective -> the noun
    gazetteer_exclude: frozenset[str]
    armed: ArmedGroupLexicon
    institution_nouns: frozenset[str] = frozenset()
    place_nouns_after: frozenset[str] = frozenset()  # "the Kharkiv region": one place name
    nationality_plurals: frozenset[str] = frozenset()  # "Palestinians": the people, a community
    event_name_words: frozenset[str] = frozenset()  # "Russo-Ukrainian War": an event's name

    @property
    def title_words(self) -> dict[tuple[str, ...], Title]:
        return {t.words: t for t in self.titles}


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError("KG106", f"{path}: cannot read pattern file ({e.strerror})") from e
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _table(path: Path, width: int) -> list[list[str]]:
    rows = [ln.split("\t") for ln in _lines(path)][1:]  # first line is the header
    for n, row in enumerate(rows, 2):
        if len(row) != width:
            raise ConfigError("KG106", f"{path}: row {n} has {len(row)} columns, expected {width}")
    return rows


def _areas(path: Path) -> dict[str, str]:
    """Noun or adjective -> noun; an adjective shared by two nouns goes to the first."""
    areas: dict[str, str] = {}
    for noun, adjective in _table(path, 2):
        areas.setdefault(noun, noun)
        if adjective != "-":
            areas.setdefault(adjective, noun)
    return areas


@cache
def load_lexicon(root: Path | None = None) -> Lexicon:
    """Load the pattern files (cached per folder).

    Raises:
        ConfigError: a file is missing or malformed.
    """
    root = root or patterns_dir()
    nationalities: dict[str, str] = {}
    plurals: set[str] = set()
    for adjective, plural, country in _table(root / "nationalities.tsv", 3):
        nationalities[adjective] = country
        nationalities[plural] = country
        if plural != adjective:
            plurals.add(plural)
    communities = {
        form: label
        for label, forms in _table(root / "communities.tsv", 2)
        for form in forms.split("|")
    }
    titles = tuple(
        Title(tuple(title.split()), None if role == "-" else role, incumbent == "yes")
        for title, role, incumbent in _table(root / "titles.tsv", 3)
    )
    descriptors = {tuple(d.lower().split()): t for d, t in _table(root / "descriptors.tsv", 2)}
    try:
        raw = json.loads((root / "armed_groups.json").read_text(encoding="utf-8"))
        armed = ArmedGroupLexicon(
            heads=dict(raw["heads"]),
            head_requires_modifier={
                k: frozenset(v) for k, v in raw["head_requires_modifier"].items()
            },
            modifiers=frozenset(raw["modifiers"]),
            unit_nouns=frozenset(raw["unit_nouns"]),
            connectors={tuple(k.split()): v for k, v in raw["connectors"].items()},
            connector_heads={k: frozenset(v) for k, v in raw["connector_heads"].items()},
            anchor_nouns=frozenset(raw["anchor_nouns"]),
            cues={k: frozenset(v) for k, v in raw["cues"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError("KG106", f"{root / 'armed_groups.json'}: malformed ({e})") from e
    return Lexicon(
        non_entities=frozenset(_lines(root / "non_entities.txt")),
        nationalities=nationalities,
        communities=communities,
        titles=titles,
        descriptors=descriptors,
        armed_group_names=frozenset(w.lower() for w in _lines(root / "armed_group_names.txt")),
        gazetteer_exclude=frozenset(_lines(root / "gazetteer_exclude.txt")),
        place_name_words=frozenset(_lines(root / "place_name_words.txt")),
        areas=_areas(root / "areas.tsv"),
        armed=armed,
        institution_nouns=frozenset(_lines(root / "institution_nouns.txt")),
        place_nouns_after=frozenset(_lines(root / "place_nouns_after.txt")),
        nationality_plurals=frozenset(plurals),
        event_name_words=frozenset(_lines(root / "event_name_words.txt")),
    )
