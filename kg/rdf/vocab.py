"""PLACEHOLDER until the generator lands: the nkg namespace as an open Namespace.

Will be GENERATED from ontology/nkg.ttl as a closed DefinedNamespace (see tools/gen_vocab.py).
"""

from rdflib import Namespace

NKG = Namespace("https://w3id.org/newskg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")
