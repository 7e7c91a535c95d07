"""The extractor: article -> parsed Doc -> resolved entities -> post-steps.

Post-steps are ``Callable[[Doc, Extraction], None]`` run in order after the entities are
resolved (events, claims and relations append theirs), so the spaCy Doc never leaves
``kg.extract``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from kg.errors import InputError
from kg.extract.language import check_english
from kg.extract.mentions import candidates
from kg.extract.nlp import load_nlp, model_name
from kg.extract.sentences import parsed_from
from kg.extract.steps import PostStep, load_steps
from kg.model import Article, Extraction
from kg.resolve import resolve_entities
from kg.resolve.lexicon import load_lexicon
from kg.settings import Settings

#: texts per ``nlp.pipe`` batch in :meth:`Extractor.parse_many`. Measured on 200 news
#: articles (530 words each) with the default model: CPU seconds 14.5 one call per article,
#: 13.7 in batches of 4, 13.1 of 16, 13.0 of 32, 14.0 of 64, 20.7 of spaCy's default 1,000.
PARSE_BATCH = 16


def add_entities(doc: Doc, extraction: Extraction) -> None:
    """Resolve the Doc's mentions into ``extraction.entities``."""
    lexicon = load_lexicon()
    extraction.entities.update(resolve_entities(candidates(doc, lexicon), lexicon=lexicon))


class Extractor:
    """Turns articles into :class:`Extraction` objects with one loaded spaCy pipeline.

    Args:
        settings: ``settings.model`` names the installed spaCy pipeline.
        steps: the post-steps; by default the ``[pipeline] steps`` of the pipeline
            configuration (``data/pipeline/config.cfg``, see :mod:`kg.extract.steps`).
    """

    def __init__(self, settings: Settings, *, steps: Sequence[PostStep] | None = None) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.model_name = model_name(self.nlp)
        self.steps: list[PostStep] = list(load_steps() if steps is None else steps)

    def check(self, article: Article) -> None:
        """Refuse what the pipeline cannot read: a body longer than the model's
        ``nlp.max_length`` (KG216; spaCy's default is 1,000,000 characters, far beyond any
        news article), or an article not in English (KG208)."""
        if len(article.body) > self.nlp.max_length:
            where = str(article.path) if article.path else f"article {article.key}"
            raise InputError(
                "KG216",
                f"{where}: {len(article.body):,} characters, more than the model reads at once "
                f"({self.nlp.max_length:,}); split it into articles",
            )
        check_english(article)

    def parse(self, article: Article) -> Doc:
        """Check the article (:meth:`check`) and run the pipeline on the body.

        Raises:
            InputError: KG208, the article is not in English; KG216, it is too long.
        """
        self.check(article)
        return parsed_from(self.nlp(article.body), article.body)

    def parse_many(
        self, articles: Sequence[Article], *, batch_size: int = PARSE_BATCH
    ) -> list[Doc | InputError]:
        """Parse several articles in one ``nlp.pipe`` call, in order; an article that is
        not in English gets its :class:`InputError` in place of a Doc.

        Batching feeds several texts at once through the pipeline's network layers: on news
        articles it takes about a tenth less CPU time than one call per article (see
        :data:`PARSE_BATCH`). The Docs are the same as one call per article gives.
        """
        refused: dict[int, InputError] = {}
        texts: list[str] = []
        for n, article in enumerate(articles):
            try:
                self.check(article)
            except InputError as e:
                refused[n] = e
                continue
            texts.append(article.body)
        docs = iter(self.nlp.pipe(texts, batch_size=batch_size))
        return [
            refused[n] if n in refused else parsed_from(next(docs), articles[n].body)
            for n in range(len(articles))
        ]

    def extract(self, article: Article, *, doc: Doc | None = None) -> Extraction:
        """The model of one article: entities, then whatever the post-steps add.

        Args:
            article: the article.
            doc: its body already parsed by this extractor (:meth:`parse_many`); parsed
                here when not given.

        Raises:
            InputError: KG208, the article is not in English.
        """
        doc = self.parse(article) if doc is None else doc
        extraction = Extraction(article=article, model_name=self.model_name)
        for step in self.steps:
            step(doc, extraction)
        return extraction
