"""The event taxonomy is the ontology's (issue 13, item 2): no list of event classes, of their
hierarchy or of which ones harm a target is kept in the code, and adding an event class is
an edit of the ontology and of the trigger lexicon only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef

from kg.errors import ConfigError
from kg.model import EventType
from kg.resources import share_root
from kg.taxonomy import NS, load_taxonomy

ROOT = Path(__file__).resolve().parents[2]


def test_the_contract_classes_and_their_hierarchy_come_from_the_ontology() -> None:
    t = load_taxonomy()
    assert set(t.events) == {e.value for e in EventType}
    for sub in ("Killing", "Shelling", "Airstrike", "Bombing"):
        assert t.superclasses(sub) == ("Attack",)
        assert t.is_a(sub, "Attack")
    assert t.superclasses("Clash") == () and not t.is_a("Clash", "Attack")
    assert t.superclasses("ArmedGroup") == ("Organisation",)
    assert t.subclasses("Attack") == {"Attack", "Killing", "Shelling", "Airstrike", "Bombing"}
    # one-sided harm (nkg:harmsTarget): attacks and their subclasses, abductions, looting
    assert t.harms == {
        "Attack",
        "Killing",
        "Shelling",
        "Airstrike",
        "Bombing",
        "Looting",
        "Abduction",
    }
    assert t.acled["Shelling"] == ("https://w3id.org/newskg/acled#ShellingArtilleryMissileAttack",)


def test_a_contract_class_name_gives_the_enum_member() -> None:
    t = load_taxonomy()
    assert t.event_class("Statement") is EventType.STATEMENT
    with pytest.raises(ConfigError) as info:
        t.event_class("Raid")
    assert info.value.code == "KG107"


_ARSON_CLASS = """
nkg:Arson
    a owl:Class ;
    rdfs:label "Arson"@en ;
    rdfs:comment "An attack by setting fire to buildings, vehicles or crops."@en ;
    rdfs:subClassOf nkg:Attack ;
    rdfs:isDefinedBy <https://w3id.org/newskg/ontology> .
nkg:Arson skos:prefLabel "Arson"@en ; skos:inScheme nkg:EventTypeScheme ;
    a skos:Concept ; skos:broader nkg:Attack ;
    skos:closeMatch acled:LootingPropertyDestruction .
"""
_ARSON_TRIGGERS = """
Arson:
  noun: [arson]
  verb: [torch]
  phrase: ["set fire to", "set ablaze"]
"""
_ARTICLE = """---
title: Militants torch a school
published: 2024-05-06
---
Militants torched a school in the village on Monday, local officials said. The arson left
the building in ruins.
"""


def test_adding_an_event_class_touches_only_the_ontology_and_the_lexicon(tmp_path: Path) -> None:
    share = tmp_path / "share"
    for name in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(share_root() / name, share / name)
    with (share / "ontology" / "nkg.ttl").open("a", encoding="utf-8") as f:
        f.write(_ARSON_CLASS)
    with (share / "data" / "lexicons" / "triggers.yaml").open("a", encoding="utf-8") as f:
        f.write(_ARSON_TRIGGERS)
    article = tmp_path / "arson.md"
    article.write_text(_ARTICLE, encoding="utf-8")
    out = tmp_path / "g.trig"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(article), "--out", str(out), "--no-link"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "KG_SHARE_DIR": str(share)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr  # the graph conforms to the shapes, too
    ds = Dataset()
    ds.parse(out, format="trig")
    arson = {s for s, _, _, _ in ds.quads((None, RDF.type, URIRef(NS + "Arson"), None))}
    assert arson, "no nkg:Arson event"
    for event in arson:  # superclasses written out, as for the contract's classes
        assert (event, RDF.type, URIRef(NS + "Attack")) in ds.default_context or any(
            ds.quads((event, RDF.type, URIRef(NS + "Attack"), None))
        )
        assert any(ds.quads((event, RDF.type, URIRef(NS + "Event"), None)))


def test_without_the_ontology_class_the_lexicon_entry_is_refused(tmp_path: Path) -> None:
    share = tmp_path / "share"
    for name in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(share_root() / name, share / name)
    with (share / "data" / "lexicons" / "triggers.yaml").open("a", encoding="utf-8") as f:
        f.write(_ARSON_TRIGGERS)
    article = tmp_path / "arson.md"
    article.write_text(_ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(article), "--out", str(tmp_path / "g.trig")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "KG_SHARE_DIR": str(share)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 3, done.stderr
    assert "'Arson' is not an event class of the ontology" in done.stderr
    assert "Traceback" not in done.stderr
