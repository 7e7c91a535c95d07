from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.extract.language import MIN_STOP_RATIO, check_english, stop_word_ratio
from kg.model import Article

ENGLISH = (
    "Several organisations accused government forces of killing dozens of civilians during "
    "the clashes that took place on Thursday and Friday in the regions of the coast, after "
    "an offensive that was launched by supporters of the former regime and that brought chaos."
)
SPANISH = (
    "Varias organizaciones sirias acusan a las fuerzas gubernamentales de asesinar a decenas "
    "de civiles durante los enfrentamientos que tuvieron lugar el jueves y el viernes en las "
    "regiones habitadas por la comunidad alauita, tras la ofensiva sorpresa lanzada por "
    "partidarios del antiguo régimen que sembró el caos en las principales ciudades."
)
FRENCH = (
    "Plusieurs organisations syriennes accusent les forces gouvernementales d'avoir tué des "
    "dizaines de civils pendant les affrontements de jeudi et vendredi dans les régions "
    "habitées par la communauté alaouite, après l'offensive surprise lancée par des partisans "
    "de l'ancien régime qui a semé le chaos dans les grandes villes de la région côtière."
)


def test_ratios_separate_english_from_other_languages() -> None:
    assert stop_word_ratio(ENGLISH) > 0.3
    assert stop_word_ratio(SPANISH) < MIN_STOP_RATIO
    assert stop_word_ratio(FRENCH) < MIN_STOP_RATIO


def test_english_passes() -> None:
    check_english(Article(body=ENGLISH))


@pytest.mark.parametrize("body", [SPANISH, FRENCH])
def test_non_english_text_is_refused(body: str) -> None:
    with pytest.raises(InputError) as info:
        check_english(Article(body=body))
    assert info.value.code == "KG208"
    assert "\n" not in str(info.value)


def test_front_matter_language_is_refused() -> None:
    with pytest.raises(InputError, match="KG208: .*'es' is not supported"):
        check_english(Article(body=ENGLISH, language="es"))


def test_extractor_refuses_a_non_english_article() -> None:
    from pathlib import Path

    from kg.extract import Extractor
    from kg.settings import Settings

    article = Article(body=SPANISH, path=Path("noticia.txt"))
    with pytest.raises(
        InputError, match=r"^KG208: noticia.txt: the text does not look like English"
    ):
        Extractor(Settings()).extract(article)
