"""The event lexicons of ``data/lexicons/``: triggers, contexts, reporting words, numbers,
casualty words, places, times and relation patterns (all knowledge lives in those files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kg.errors import ConfigError
from kg.model import EventClass
from kg.resources import data_dir
from kg.taxonomy import load_taxonomy

_FILES = (
    "triggers",
    "context",
    "reporting",
    "numbers",
    "casualties",
    "places",
    "time",
    "relations",
)


def lexicon_dir() -> Path:
    return data_dir() / "lexicons"


def _read(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError("KG120", f"{path}: cannot read the lexicon ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise ConfigError("KG121", f"{path}: malformed lexicon ({' '.join(str(e).split())})") from e
    if not isinstance(loaded, dict):
        raise ConfigError("KG121", f"{path}: a lexicon must be a mapping")
    return loaded


def _low(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or ()))


@dataclass(frozen=True, slots=True)
class Triggers:
    noun: dict[str, EventClass]
    verb: dict[str, EventClass]
    phrase: dict[tuple[str, ...], EventClass]
    weapon: dict[str, EventClass]
    needs_support: dict[str, EventClass]
    published: frozenset[str]
    publish_verbs: frozenset[str]
    #: nouns and verbs that are events only when what they act on is a named place ("the
    #: fall of X", "took X")
    needs_place: dict[str, EventClass] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All lexicons, loaded once per folder."""

    triggers: Triggers
    context: dict[str, Any]
    reporting: dict[str, Any]
    numbers: dict[str, Any]
    casualties: dict[str, Any]
    places: dict[str, Any]
    time: dict[str, Any]
    relations: dict[str, Any]
    _words: dict[tuple[str, str], frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def words(self, table: str, key: str) -> frozenset[str]:
        """A lower-cased word set of one table's key (``words("context", "support_verbs")``),
        computed once."""
        found = self._words.get((table, key))
        if found is None:
            found = self._words[(table, key)] = _low(getattr(self, table).get(key))
        return found


def _triggers(raw: dict[str, Any], path: Path) -> Triggers:
    noun: dict[str, EventClass] = {}
    verb: dict[str, EventClass] = {}
    phrase: dict[tuple[str, ...], EventClass] = {}
    weapon: dict[str, EventClass] = {}
    support: dict[str, EventClass] = {}
    needs_place: dict[str, EventClass] = {}
    published: frozenset[str] = frozenset()
    publish_verbs: frozenset[str] = frozenset()
    for type_name, entry in raw.items():
        try:
            etype = load_taxonomy().event_class(type_name)
        except ConfigError as e:
            raise ConfigError("KG121", f"{path}: {e.message}") from e
        for word in entry.get("noun", ()):
            if " " in word:
                phrase[tuple(word.lower().split())] = etype
            else:
                noun[word.lower()] = etype
        for word in entry.get("verb", ()):
            verb[word.lower()] = etype
        for words in entry.get("phrase", ()):
            phrase[tuple(words.lower().split())] = etype
        for word in entry.get("weapon", ()):
            weapon[word.lower()] = etype
        for word in entry.get("needs_support", ()):
            support[word.lower()] = etype
        for word in entry.get("needs_place", ()):
            needs_place[word.lower()] = etype
        if entry.get("published"):
            published = _low(entry["published"])
            publish_verbs = _low(entry.get("publish_verbs"))
    return Triggers(noun, verb, phrase, weapon, support, published, publish_verbs, needs_place)


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Load every lexicon file of ``folder`` (default ``data/lexicons``).

    Raises:
        ConfigError: a file is missing or malformed.
    """
    folder = folder or lexicon_dir()
    raw = {name: _read(folder / f"{name}.yaml") for name in _FILES}
    return Lexicon(
        triggers=_triggers(raw["triggers"], folder / "triggers.yaml"),
        context=raw["context"],
        reporting=raw["reporting"],
        numbers=raw["numbers"],
        casualties=raw["casualties"],
        places=raw["places"],
        time=raw["time"],
        relations=raw["relations"],
    )
