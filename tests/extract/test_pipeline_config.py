"""The pipeline is assembled from its configuration (issue 13, item 2): the components added
to the spaCy model and the stages run on each Doc are named in ``data/pipeline/config.cfg``,
and one of each can be swapped there without touching the others."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.extract import Extractor
from kg.extract import nlp as nlp_module
from kg.extract.steps import declared, kg_steps, load_config, load_steps
from kg.ingest import read_article
from kg.model import Extraction
from kg.resources import share_root
from kg.settings import Settings


def _clear() -> None:
    share_root.cache_clear()
    load_config.cache_clear()
    nlp_module.load_nlp.cache_clear()


@pytest.fixture
def swapped_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped data whose configuration swaps the events stage and the
    described-armed-group component for the test's own."""
    share = tmp_path / "share"
    for name in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(share_root() / name, share / name)
    config = share / "data" / "pipeline" / "config.cfg"
    text = config.read_text(encoding="utf-8")
    text = text.replace('@kg_steps = "kg.events.claims.v1"', '@kg_steps = "test.no_claims.v1"')
    text = text.replace(
        '[components.kg_armed_group_ruler_v1]\nfactory = "kg_armed_group_ruler_v1"',
        '[components.kg_armed_group_ruler_v1]\nfactory = "test_no_groups"',
    )
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KG_SHARE_DIR", str(share))
    _clear()
    yield share
    monkeypatch.delenv("KG_SHARE_DIR")
    _clear()


@kg_steps("test.no_claims.v1")
def make_no_claims() -> object:
    """A stand-in claims stage that reads no claim (it fills the slot the later stages
    need, as a replacement must)."""

    def step(doc: Doc, extraction: Extraction) -> None:
        doc._.kg_events.claims = SimpleNamespace(scopes=[], unnamed=[])

    return declared(("ctx",), ("claims",))(step)


@Language.factory("test_no_groups")
def make_no_groups(nlp: Language, name: str) -> object:
    """A stand-in for the described-armed-group ruler that finds none."""

    def component(doc: Doc) -> Doc:
        doc.spans["kg_groups"] = []
        return doc

    return component


def test_the_shipped_configuration_assembles_the_pipeline() -> None:
    config = load_config()
    assert config["pipeline"]["steps"] == [
        "entities",
        "events_prepare",
        "relations",
        "claims",
        "triggers",
        "roles",
        "coref",
        "figures",
        "claim_dates",
        "assemble",
    ]
    names = nlp_module.load_nlp(Settings().model).pipe_names
    ours = config["pipeline"]["components"]
    assert [n for n in names if n in ours] == ours
    assert names.index("kg_sentence_guard_v1") == names.index("parser") - 1
    assert names.index(ours[1]) == names.index("ner") + 1
    steps = load_steps()
    assert [s.__name__ for s in steps][:3] == [
        "entities",
        "events_prepare",
        "events_read_relations",
    ]
    assert steps[-1].assigns == ("events",)


def test_a_stage_and_a_component_swap_through_the_configuration(
    article_path: Path, swapped_share: Path
) -> None:
    article = read_article(article_path)
    extraction = Extractor(Settings()).extract(article)
    # the claims stage is the stand-in's: no claim; the other stages still run
    assert not extraction.claims
    assert extraction.events and extraction.relations
    # the component swap: no described armed group, named entities still found
    groups = [e for e in extraction.entities.values() if not e.named]
    assert groups == []
    assert any(e.label == "Bashar al-Assad" for e in extraction.entities.values())


def test_the_default_pipeline_finds_what_the_swap_removed(article_path: Path) -> None:
    extraction = Extractor(Settings()).extract(read_article(article_path))
    assert any(not e.named for e in extraction.entities.values())  # described groups
    assert extraction.claims


def test_stages_in_an_order_their_slots_do_not_allow_are_refused(tmp_path: Path) -> None:
    shipped = load_config()
    config = tmp_path / "order.cfg"
    text = (share_root() / "data" / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    steps = list(shipped["pipeline"]["steps"])
    steps.remove("triggers")
    steps.append("triggers")  # roles now come before the triggers they need
    text = text.replace(
        "steps = " + str(shipped["pipeline"]["steps"]).replace("'", '"'),
        "steps = " + str(steps).replace("'", '"'),
    )
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="step 'roles' requires cands"):
        load_steps(config)


def test_a_configuration_naming_an_unregistered_stage_is_one_error(tmp_path: Path) -> None:
    config = tmp_path / "config.cfg"
    config.write_text(
        '[pipeline]\ncomponents = []\nsteps = ["events"]\n\n[steps]\n\n[steps.events]\n'
        '@kg_steps = "nobody.v1"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_steps(config)
    assert info.value.code == "KG108" and "events" in info.value.message
    other = tmp_path / "other.cfg"
    other.write_text('[pipeline]\ncomponents = []\nsteps = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no \\[steps.x\\] section"):
        load_config(other)
