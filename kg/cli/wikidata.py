"""``kg wikidata snapshot``: refresh the offline snapshot from a SPARQL query."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, say
from kg.errors import InputError
from kg.gazetteer import load_snapshot, snapshot_meta, snapshot_path, write_meta, write_snapshot
from kg.link.client import WikidataClient
from kg.link.online import items_from_bindings

wikidata_app = typer.Typer(
    name="wikidata", help="The offline Wikidata snapshot.", no_args_is_help=True
)
app.add_typer(wikidata_app, name="wikidata")


def refresh_snapshot(
    query_file: Path,
    *,
    out: Path,
    replace: bool = False,
    client: WikidataClient,
    today: date | None = None,
) -> int:
    """Run the SPARQL query and write the snapshot (merged with ``out`` unless ``replace``);
    bump ``version`` and ``retrieved`` in the ``meta.json`` beside it. Returns the item count.

    Raises:
        InputError: the query file cannot be read or is empty (KG271), a result row lacks
            ``?item``/``?type`` (KG270), or the query returned nothing (KG272).
        ServiceError: the Wikidata Query Service failed (KG4xx).
    """
    try:
        query = query_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("KG271", f"{query_file}: cannot read the SPARQL query ({e})") from e
    if not query.strip():
        raise InputError("KG271", f"{query_file}: the SPARQL query is empty")
    today = today or date.today()
    source = f"Wikidata Query Service, {query_file.name}, {today.isoformat()}"
    fresh = items_from_bindings(client.sparql(query), source=source)
    if not fresh:
        raise InputError("KG272", f"{query_file}: the query returned no item; snapshot kept")
    items = {} if replace or not out.is_file() else {i.qid: i for i in load_snapshot(out)}
    items.update({i.qid: i for i in fresh})
    n = write_snapshot(items.values(), out)
    meta_file = out.with_name("meta.json")
    meta = snapshot_meta(meta_file) if meta_file.is_file() else {}
    meta.update(
        {
            "version": today.strftime("%Y.%m.%d"),
            "retrieved": today.isoformat(),
            "items": n,
            "refreshed_with": query_file.name,
        }
    )
    write_meta(meta, meta_file)
    load_snapshot.cache_clear()
    return n


@wikidata_app.command(
    "snapshot",
    help="Refresh the offline snapshot from a SPARQL query on the Wikidata Query Service "
    "(columns: see data/wikidata/README.md). Merges into the snapshot unless --replace.\n\n"
    + EXIT_CODES_HELP,
)
def snapshot_command(
    query: Annotated[Path, typer.Option("--query", "-q", help="SPARQL query file (.rq).")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Snapshot to write (default: the shipped one)."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Keep only the query's items (default: merge).")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache of Wikidata answers.")
    ] = None,
) -> None:
    target = out or snapshot_path()
    with handled(), WikidataClient(cache_dir=cache_dir) as client:
        n = refresh_snapshot(query, out=target, replace=replace, client=client)
    say(f"{n} items -> {target}")
