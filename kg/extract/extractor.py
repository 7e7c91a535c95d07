"""The extractor: article -> parsed Doc -> resolved entities -> post-steps.

Post-steps are ``Callable[[Doc, Extraction], None]`` run in order after the entities are
resolved (events, claims and relations append theirs), so the spaCy Doc never leaves
``kg.extract``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from kg.extract.events import add_events
from kg.extract.language import check_english
from kg.extract.mentions import candidates
from kg.extract.nlp import load_nlp, model_name
from kg.model import Article, Extraction
from kg.resolve import resolve_entities
from kg.resolve.lexicon import load_lexicon
from kg.settings import Settings

PostStep = Callable[[Doc, Extraction], None]


def add_entities(doc: Doc, extraction: Extraction) -> None:
    """Resolve the Doc's mentions into ``extraction.entities``."""
    lexicon = load_lexicon()
    extraction.entities.update(resolve_entities(candidates(doc, lexicon), lexicon=lexicon))


#: The steps run after parsing, in order.
DEFAULT_STEPS: tuple[PostStep, ...] = (add_entities, add_events)


class Extractor:
    """Turns articles into :class:`Extraction` objects with one loaded spaCy pipeline.

    Args:
        settings: ``settings.model`` names the installed spaCy pipeline.
        steps: the post-steps, by default :data:`DEFAULT_STEPS`.
    """

    def __init__(self, settings: Settings, *, steps: Sequence[PostStep] | None = None) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.model_name = model_name(self.nlp)
        self.steps: list[PostStep] = list(DEFAULT_STEPS if steps is None else steps)

    def parse(self, article: Article) -> Doc:
        """Check the language and run the pipeline on the body.

        Raises:
            InputError: KG208, the article is not in English.
        """
        check_english(article)
        return self.nlp(article.body)

    def extract(self, article: Article) -> Extraction:
        """The model of one article: entities, then whatever the post-steps add.

        Raises:
            InputError: KG208, the article is not in English.
        """
        doc = self.parse(article)
        extraction = Extraction(article=article, model_name=self.model_name)
        for step in self.steps:
            step(doc, extraction)
        return extraction
