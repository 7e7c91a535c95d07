from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import RDFS

from kg import pipeline
from kg.errors import InputError
from kg.rdf.vocab import NIF, NKG
from kg.settings import Settings

NO_CHECKS = Settings(validate=False, link=False)


def test_sentence_around_takes_the_sentence_of_the_span() -> None:
    body = "Title line\n\nFirst one. The army shelled the town on Friday. Then calm.\nNext."
    begin = body.index("army")
    assert pipeline.sentence_around(body, begin, begin + 4) == (
        "The army shelled the town on Friday."
    )
    assert pipeline.sentence_around(body, 0, 5) == "Title line"
    assert pipeline.sentence_around(body, body.index("Next"), len(body)) == "Next."


def test_multi_article_build_skips_unreadable_articles(tmp_path: Path, article_path: Path) -> None:
    shutil.copy(article_path, tmp_path / "a-good.txt")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c-french.md").write_text("---\nlanguage: fr\n---\nBonjour.", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    result = pipeline.build(
        [tmp_path],
        NO_CHECKS,
        on_progress=lambda n, total, o: seen.append((n, total, type(o).__name__)),
    )
    assert [r.path.name for r in result.results] == ["a-good.txt"]
    assert [(s.path.name, s.error.code) for s in result.skipped] == [
        ("b-binary.txt", "KG203"),
        ("c-french.md", "KG208"),
    ]
    assert seen == [(1, 3, "ArticleResult"), (2, 3, "Skipped"), (3, 3, "Skipped")]
    counts = result.counts()
    assert counts["articles"] == 1 and counts["skipped"] == 2 and counts["written"] == 1
    assert counts["entities"] > 5
    assert counts["triples"] == len(result.graphs[0]) > 100
    assert len(list(result.dataset().graphs())) >= 1


def test_a_build_where_every_article_fails_raises_the_first_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9 bad")  # Latin-1, not UTF-8
    with pytest.raises(InputError, match="KG206.*a.txt"):
        pipeline.build([tmp_path], NO_CHECKS)


def test_missing_path_aborts_before_any_work(tmp_path: Path, article_path: Path) -> None:
    with pytest.raises(InputError, match="KG201"):
        pipeline.build([article_path, tmp_path / "nope.txt"], NO_CHECKS)


def test_link_is_skipped_when_disabled(monkeypatch) -> None:
    calls = []
    fake = SimpleNamespace(link_entities=lambda x, s: calls.append(x))
    monkeypatch.setitem(__import__("sys").modules, "kg.link", fake)
    pipeline.link("extraction", Settings(link=False))  # type: ignore[arg-type]
    assert calls == []
    pipeline.link("extraction", Settings(link=True))  # type: ignore[arg-type]
    assert calls == ["extraction"]


def test_explain_finds_the_sentence_of_the_focus_node(article_path: Path) -> None:
    result = pipeline.build([article_path], NO_CHECKS).results[0]
    g = result.graph
    entity = next(g.subjects(NKG.mention, None))
    mentions = sorted(
        (int(g.value(m, NIF.beginIndex)), str(g.value(m, NIF.anchorOf)))
        for m in g.objects(entity, NKG.mention)
    )
    result.report = SimpleNamespace(
        conforms=False,
        results=[
            SimpleNamespace(
                focus_node=entity, result_path=RDFS.label, constraint="C", message="bad"
            )
        ],
    )
    [v] = pipeline.explain(result)
    assert (v.focus_node, v.result_path, v.message) == (str(entity), str(RDFS.label), "bad")
    assert v.sentence is not None and mentions[0][1] in v.sentence
    assert v.sentence in " ".join(result.article.body.split())
    assert len(v.sentence) < len(result.article.body) / 3


def test_article_graph_is_validated_before_it_is_kept(article_path: Path) -> None:
    result = pipeline.build([article_path], Settings(link=False))
    [r] = result.results
    assert r.report is not None
    assert (r.graph in result.graphs) == r.report.conforms


def test_build_links_entities_only_when_asked(article_path: Path) -> None:
    from rdflib import OWL

    from kg.rdf.vocab import WD

    def same_as(settings: Settings) -> tuple[object, set]:
        [r] = pipeline.build([article_path], settings).results
        links = {o for o in r.graph.objects(None, OWL.sameAs) if str(o).startswith(str(WD))}
        return r.link_report, links

    report, links = same_as(Settings(validate=False, link=True))
    assert report is not None and links
    assert getattr(report, "linked", 0) >= len(links)
    report, links = same_as(Settings(validate=False, link=False))
    assert report is None and not links
