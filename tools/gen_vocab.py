"""Generate kg/rdf/vocab.py from ontology/nkg.ttl: the nkg namespace as a closed DefinedNamespace.

Usage (from the repository root)::

    python tools/gen_vocab.py            # rewrite kg/rdf/vocab.py
    python tools/gen_vocab.py --check    # exit 1 if kg/rdf/vocab.py is out of date

After rdflib's ``rdflib/tools/defined_namespace_creator.py``. The output is deterministic (terms
sorted, no timestamp), so a test can regenerate it and compare it with the committed file.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.fileio import write_atomic

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "nkg.ttl"
TARGET = ROOT / "kg" / "rdf" / "vocab.py"
NS = "https://w3id.org/newskg/ontology#"

_KINDS = (
    ("Classes", (OWL.Class,)),
    ("Object properties", (OWL.ObjectProperty,)),
    ("Datatype properties", (OWL.DatatypeProperty,)),
    ("Other terms", (SKOS.ConceptScheme, OWL.AnnotationProperty, RDF.Property)),
)

_HEADER = '''"""The newskg vocabulary for Python code, and the other namespaces the graph uses.

GENERATED from ontology/nkg.ttl (owl:versionInfo {version}) by tools/gen_vocab.py: never edit
by hand; edit the ontology and run ``python tools/gen_vocab.py``. ``NKG`` is closed: a term
that the ontology does not declare raises AttributeError.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY = URIRef("https://w3id.org/newskg/ontology")
ONTOLOGY_VERSION = "{version}"


class NKG(DefinedNamespace):
    """newskg ontology: https://w3id.org/newskg/ontology#"""

    _fail = True
'''

_FOOTER = """
    _NS = Namespace("https://w3id.org/newskg/ontology#")


ACLED = Namespace("https://w3id.org/newskg/acled#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

__all__ = [
    "ACLED",
    "GAF",
    "GEO",
    "NIF",
    "NKG",
    "ONTOLOGY",
    "ONTOLOGY_VERSION",
    "SCHEMA",
    "SEM",
    "WD",
    "WDT",
]
"""


def _english(graph: Graph, term: URIRef, prop: URIRef) -> str:
    values = sorted(
        str(o) for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language == "en"
    )
    return " ".join(values[0].split()) if values else ""


def render(ontology: Path = ONTOLOGY) -> str:
    """The text of kg/rdf/vocab.py for the ontology at ``ontology``."""
    graph = Graph().parse(ontology, format="turtle")
    version = str(graph.value(URIRef(NS.rstrip("#")), OWL.versionInfo))
    lines = [_HEADER.format(version=version)]
    seen: set[URIRef] = set()
    for title, kinds in _KINDS:
        terms = sorted(
            {
                s
                for k in kinds
                for s in graph.subjects(RDF.type, k)
                if isinstance(s, URIRef) and str(s).startswith(NS) and s not in seen
            }
        )
        if not terms:
            continue
        lines.append(f"    # -- {title} " + "-" * (80 - len(title)))
        for term in terms:
            seen.add(term)
            name = str(term)[len(NS) :]
            label = _english(graph, term, RDFS.label)
            comment = _english(graph, term, RDFS.comment)
            doc = f"{label}: {comment}" if comment else label
            lines.extend(
                textwrap.wrap(doc, width=96, initial_indent="    # ", subsequent_indent="    # ")
            )
            lines.append(f"    {name}: URIRef")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n" + _FOOTER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            sys.stderr.write(f"{TARGET} is out of date: run python tools/gen_vocab.py\n")
            return 1
        return 0
    write_atomic(TARGET, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
