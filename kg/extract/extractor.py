"""BASELINE extractor: spaCy NER straight into entities (to be replaced by the real
extraction: gazetteer ruler, armed-group patterns, in-document resolution)."""

from __future__ import annotations

from kg.extract.nlp import load_nlp, model_name
from kg.model import Article, Entity, EntityType, Extraction, Mention
from kg.model.iri import slugify
from kg.settings import Settings

_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANISATION,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "NORP": EntityType.COMMUNITY,
}


class Extractor:
    """Turns articles into :class:`Extraction` objects with one loaded spaCy pipeline."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.model_name = model_name(self.nlp)

    def extract(self, article: Article) -> Extraction:
        doc = self.nlp(article.body)
        extraction = Extraction(article=article, model_name=self.model_name)
        for ent in doc.ents:
            etype = _TYPES.get(ent.label_)
            if etype is None:
                continue
            key = f"{etype.value}:{slugify(ent.text)}"
            mention = Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
            entity = extraction.entities.get(key)
            if entity is None:
                entity = extraction.entities[key] = Entity(key=key, type=etype, label=ent.text)
            entity.mentions.append(mention)
        return extraction
