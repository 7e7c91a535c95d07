"""The README.md of a release: what it holds, its licence, how to verify and load it."""

from __future__ import annotations

from collections.abc import Sequence

from kg.publish.stats import Stats
from kg.publish.text import EXCERPT_MAX, EXCERPT_SHARE
from kg.publish.void import DescribedFile, ReleaseInfo, dataset_iri


def readme_text(
    stats: Stats, info: ReleaseInfo, files: Sequence[DescribedFile], notes: Sequence[str]
) -> str:
    """Markdown text of the release README (deterministic for the same inputs)."""
    rows = "\n".join(
        f"| `{f.relpath}` | {f.media_type} | {f.byte_size} | {f.title} |" for f in files
    )
    text_notes = "\n".join(f"- {n}" for n in notes) or "- no article text in this release"
    kinds = [k for k in ("ontology", "shapes") if any(f.relpath.startswith(k + "/") for f in files)]
    shipped = (
        f"- {', '.join(f'`{k}/`' for k in kinds)}: the OWL ontology and SHACL shapes of this version."
        if kinds
        else "- (this version ships no ontology or shapes file yet)"
    )
    return f"""# {info.title}, version {info.version}

Dataset `{dataset_iri(info)}`, issued {info.issued.isoformat()}.
{info.description}

- {stats.triples} distinct triples ({stats.quads} quads) in {len(stats.graphs)} named graph(s)
  (one per source article), {stats.entities} entities under `{info.base_iri}`.
- Licence of the graph: <{info.licence}>. Each source article keeps its own terms: see its
  `void:subset` in `void.ttl` (`dcterms:license`, `dcterms:source`).

## Files

- `dumps/data-NNNNN.nq.gz`: N-Quads, named graphs kept (graph IRI = `<base>graph/<article-key>`).
- `dumps/data-NNNNN.nt.gz`, `dumps/data-NNNNN.ttl.gz`: N-Triples and Turtle, the union of all graphs.
  Each format is split into parts of at most a fixed number of statements; every part is
  a complete document. Lines are sorted; gzip headers carry no time stamp or name.
- `jsonld/<article-key>.jsonld`: one named graph per file, compacted with `context.jsonld`
  (carried inline too, so each file parses offline).
{shipped}
- `void.ttl`: the VoID + DCAT description (counts, partitions, subsets, distributions).
- `text/`: only when published with `--include-text`: full text for articles whose licence
  allows redistribution, else excerpts (the sentence around each mention, at most
  {EXCERPT_MAX} characters each, at most {int(EXCERPT_SHARE * 100)}% of the article in all).

| file | media type | bytes | content |
|---|---|---|---|
{rows}

Article text in this release:
{text_notes}

## Verify

    sha256sum -c SHA256SUMS

## Load

    # Oxigraph (reads .gz as it is)
    oxigraph load --location store --file dumps/data-*.nq.gz
    # a SPARQL store taking N-Quads over HTTP (Oxigraph /store, Fuseki /<dataset>,
    # GraphDB /repositories/<id>/statements)
    zcat dumps/data-00001.nq.gz | curl -X POST -H 'Content-Type: application/n-quads' --data-binary @- URL
"""
