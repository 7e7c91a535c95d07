"""Online mode: candidates the snapshot lacks come from Wikidata (replayed responses)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from kg.errors import ServiceError
from kg.link import link_entities
from kg.link.client import WikidataClient
from kg.link.online import item_from_entity, type_of
from kg.model import Extraction
from kg.settings import Settings
from tests.link.helpers import RECORDED, entity, gold_extraction


def route(request: httpx.Request) -> httpx.Response:
    params = request.url.params
    if params.get("action") == "wbsearchentities":
        name = (
            "wbsearchentities_ahmed_al_sharaa.json"
            if params["search"] == "Ahmed al-Sharaa"
            else "wbsearchentities_empty.json"
        )
    elif params.get("action") == "wbgetentities":
        name = "wbgetentities_sharaa.json"
    else:
        return httpx.Response(404)
    return httpx.Response(200, content=(RECORDED / name).read_bytes())


def make_client(handler, tmp_path: Path) -> WikidataClient:  # type: ignore[no-untyped-def]
    return WikidataClient(
        transport=httpx.MockTransport(handler),
        cache_dir=tmp_path,
        sleep=lambda s: None,
        min_interval=0.0,
    )


def test_online_links_what_the_snapshot_lacks_and_keeps_the_trap(tmp_path: Path) -> None:
    extraction, _ = gold_extraction()
    report = link_entities(extraction, Settings(online=True), client=make_client(route, tmp_path))
    sharaa = extraction.entities["Ahmed al-Sharaa"]
    assert sharaa.same_as == "Q990000001"  # the placeholder item of the recording
    assert "Q713715" not in sharaa.close_match
    assert sharaa.wikidata["p31"] == ["Q5"]
    assert extraction.entities["Syria"].same_as == "Q858"  # the snapshot still answers
    assert report.linked == 13 and not report.warnings


def test_no_network_fails_with_a_service_error(tmp_path: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Temporary failure in name resolution")

    extraction, _ = gold_extraction()
    with pytest.raises(ServiceError, match="KG401"):
        link_entities(extraction, Settings(online=True), client=make_client(down, tmp_path))


def test_fallback_keeps_the_offline_links(tmp_path: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Temporary failure in name resolution")

    extraction, _ = gold_extraction()
    report = link_entities(
        extraction,
        Settings(online=True),
        client=make_client(down, tmp_path),
        fallback=True,
    )
    assert extraction.entities["Latakia"].same_as == "Q200030"
    assert extraction.entities["Ahmed al-Sharaa"].same_as is None
    assert len(report.warnings) == 1 and report.warnings[0].startswith("KG401")


def test_offline_never_touches_the_client(tmp_path: Path) -> None:
    def forbidden(request: httpx.Request) -> httpx.Response:
        raise AssertionError("offline mode sent a request")

    extraction = Extraction(article=gold_extraction()[0].article)
    extraction.entities["place:syria"] = entity("Syria")
    link_entities(extraction, Settings(), client=make_client(forbidden, tmp_path))
    assert extraction.entities["place:syria"].same_as == "Q858"


def test_items_are_read_from_wbgetentities() -> None:
    import json

    entities = json.loads((RECORDED / "wbgetentities_city.json").read_text())["entities"]
    city = item_from_entity(entities["Q3766"])
    assert city is not None
    assert (city.type, city.coord, city.located_in, city.country) == (
        "Place",
        (33.513, 36.292),  # the preferred statement, not the deprecated one
        "Q2007044",
        "Q858",
    )
    assert city.p31 == ("Q515",) and city.aliases == ("Dimashq",)
    assert item_from_entity({"id": "Q1", "labels": {}, "claims": {}}) is None


def test_type_of_p31_follows_the_priority() -> None:
    assert type_of(["Q5"]) == "Person"
    assert type_of(["Q43229", "Q17149090"]) == "ArmedGroup"
    assert type_of(["Q990000005"]) is None


def test_a_class_outside_the_map_is_typed_through_its_superclasses(tmp_path: Path) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if request.method == "POST":
            seen.append(parse_qs(request.content.decode())["query"][0])
            name = "sparql_superclass.json"
        elif params.get("action") == "wbsearchentities":
            name = "wbsearchentities_monitor.json"
        else:
            name = "wbgetentities_monitor.json"
        return httpx.Response(200, content=(RECORDED / name).read_bytes())

    extraction = Extraction(article=gold_extraction()[0].article)
    e = entity("Placeholder Monitor for Human Rights", "Organisation")
    extraction.entities[e.key] = e
    link_entities(extraction, Settings(online=True), client=make_client(handler, tmp_path))
    assert e.same_as == "Q990000003" and e.wikidata["type"] == "Organisation"
    (query,) = seen
    assert "wd:Q990000100" in query and "wdt:P279*" in query


def test_an_item_of_no_known_type_is_no_candidate(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if request.method == "POST":  # SPARQL: no superclass of a known type
            body = b'{"head": {"vars": ["class", "root"]}, "results": {"bindings": []}}'
            return httpx.Response(200, content=body)
        name = (
            "wbsearchentities_monitor.json"
            if params.get("action") == "wbsearchentities"
            else "wbgetentities_monitor.json"
        )
        return httpx.Response(200, content=(RECORDED / name).read_bytes())

    extraction = Extraction(article=gold_extraction()[0].article)
    e = entity("Placeholder Monitor for Human Rights", "Organisation")
    extraction.entities[e.key] = e
    link_entities(extraction, Settings(online=True), client=make_client(handler, tmp_path))
    assert e.same_as is None and e.close_match == []
