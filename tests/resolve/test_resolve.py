"""Resolution rules on hand-made mention lists (no spaCy)."""

from __future__ import annotations

import pytest

from kg.model import EntityType, Mention
from kg.resolve import Candidates, Description, NameMention, RoleMention, Source, resolve_entities
from kg.resolve.names import is_subsequence, name_key

P, ORG, PL = EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE


def names(body: str, *items: tuple[str, EntityType], **kw: object) -> list[NameMention]:
    """Name mentions of each text at its n-th occurrence in ``body`` (in order)."""
    out, pos = [], 0
    for text, etype in items:
        begin = body.index(text, pos)
        out.append(NameMention(Mention(begin, begin + len(text), text), etype, Source.NER, **kw))
        pos = begin + len(text)
    return out


def test_name_key_ignores_titles_article_and_possessive() -> None:
    titles = {("president",)}
    assert name_key("President Ahmed al-Sharaa's", titles=titles) == ("ahmed", "sharaa")
    assert name_key("the Ahmed Sharaa", titles=titles) == ("ahmed", "sharaa")
    assert is_subsequence(("baki",), ("suleiman", "abdul", "baki"))
    assert not is_subsequence(("baki", "abdul"), ("suleiman", "abdul", "baki"))


def test_person_name_variants_are_one_entity_with_fullest_label() -> None:
    body = "Ahmed Sharaa spoke. Sharaa said. Ahmed al-Sharaa left. President Ahmed Sharaa came."
    cands = Candidates(
        names(
            body,
            ("Ahmed Sharaa", P),
            ("Sharaa", ORG),  # a model's wrong label is overruled by containment
            ("Ahmed al-Sharaa", P),
            ("President Ahmed Sharaa", P),
        )
    )
    entities = resolve_entities(cands)
    assert list(entities) == ["person:ahmed-al-sharaa"]
    e = entities["person:ahmed-al-sharaa"]
    assert e.type is P and e.label == "Ahmed al-Sharaa"
    assert e.alt_labels == {"Ahmed Sharaa", "Sharaa"}
    assert [m.text for m in e.mentions] == [
        "Ahmed Sharaa",
        "Sharaa",
        "Ahmed al-Sharaa",
        "President Ahmed Sharaa",
    ]
    assert all(body[m.begin : m.end] == m.text for m in e.mentions)


def test_chain_of_shorter_names_joins_the_full_name() -> None:
    body = "Suleiman Abdul Baki survived. Abdul Baki was hurt. Baki spoke."
    cands = Candidates(names(body, ("Suleiman Abdul Baki", P), ("Abdul Baki", P), ("Baki", P)))
    entities = resolve_entities(cands)
    assert [e.label for e in entities.values()] == ["Suleiman Abdul Baki"]
    assert len(entities["person:suleiman-abdul-baki"].mentions) == 3


def test_shared_surname_goes_to_the_most_recent_person_and_never_merges_them() -> None:
    body = "Hafez al-Assad ruled. Assad died. Bashar al-Assad took over. Assad fled."
    cands = Candidates(
        names(body, ("Hafez al-Assad", P), ("Assad", P), ("Bashar al-Assad", P), ("Assad", P))
    )
    entities = resolve_entities(cands)
    assert sorted(entities) == ["person:bashar-al-assad", "person:hafez-al-assad"]
    hafez = [m.begin for m in entities["person:hafez-al-assad"].mentions]
    bashar = [m.begin for m in entities["person:bashar-al-assad"].mentions]
    assert hafez == [0, body.index("Assad died")]
    assert bashar == [body.index("Bashar"), body.index("Assad fled")]


def test_apposition_and_descriptor_type_an_organisation() -> None:
    body = "the state news agency Sana said. Sana added."
    first = body.index("Sana")
    apposition = Mention(0, first + 4, body[: first + 4])
    cands = Candidates(
        [
            NameMention(
                Mention(first, first + 4, "Sana"),
                P,
                Source.NER,
                descriptor_type=ORG,
                apposition=apposition,
            ),
            *names(body[first + 1 :], ("Sana", P)),
        ]
    )
    # shift the second mention back into body coordinates
    second = cands.names[1].mention
    cands.names[1].mention = Mention(second.begin + first + 1, second.end + first + 1, "Sana")
    entities = resolve_entities(cands)
    assert list(entities) == ["organisation:sana"]
    assert [m.text for m in entities["organisation:sana"].mentions] == [
        "the state news agency Sana",
        "Sana",
        "Sana",
    ]


def test_organisation_acronym_joins_its_full_name() -> None:
    body = "the Rapid Support Forces attacked. The RSF denied it."
    entities = resolve_entities(
        Candidates(names(body, ("Rapid Support Forces", ORG), ("RSF", ORG)))
    )
    assert list(entities) == ["armed-group:rapid-support-forces"]  # "Forces": an armed group


def test_places_are_not_merged_by_containment() -> None:
    body = "Aleppo and Aleppo Governorate"
    entities = resolve_entities(Candidates(names(body, ("Aleppo", PL), ("Aleppo Governorate", PL))))
    assert len(entities) == 2


def test_title_noun_refers_to_the_person_introduced_with_that_title() -> None:
    body = "President Ahmed Sharaa spoke. The president left."
    cands = Candidates(
        names(body, ("Ahmed Sharaa", P), roles=("president",)),
        roles=[RoleMention(Mention(30, 43, "The president"), "president")],
    )
    e = resolve_entities(cands)["person:ahmed-sharaa"]
    assert [m.text for m in e.mentions] == ["Ahmed Sharaa", "The president"]


def _desc(body: str, text: str, family: str, **kw: object) -> Description:
    begin = body.index(text)
    return Description(Mention(begin, begin + len(text), text), family, **kw)


def _span(body: str, text: str) -> Mention:
    begin = body.index(text)
    return Mention(begin, begin + len(text), text)


def test_described_groups_are_grouped_by_side() -> None:
    body = (
        "government forces and Syrian security forces and troops loyal to President Ali Bo. "
        "insurgents loyal to Omar Fa and supporters of the former regime. the rebels. "
        "the ousted Omar Fa. militants who arrived from Zed."
    )
    people = [
        NameMention(_span(body, "Ali Bo"), P, Source.NER, roles=("president",)),
        NameMention(_span(body, "Omar Fa"), P, Source.NER),
        NameMention(
            Mention(body.rindex("Omar Fa"), body.rindex("Omar Fa") + 7, "Omar Fa"),
            P,
            Source.NER,
            former=True,
        ),
    ]
    descriptions = [
        _desc(body, "government forces", "state", cues=frozenset({"state"})),
        _desc(body, "Syrian security forces", "state", cues=frozenset({"state"}), country="Syria"),
        _desc(
            body,
            "troops loyal to President Ali Bo",
            "state",
            relation="loyal",
            anchor=_span(body, "President Ali Bo"),
        ),
        _desc(
            body,
            "insurgents loyal to Omar Fa",
            "insurgent",
            relation="loyal",
            anchor=_span(body, "Omar Fa"),
        ),
        _desc(
            body,
            "supporters of the former regime",
            "partisan",
            cues=frozenset({"former"}),
            relation="loyal",
            anchor=_span(body, "the former regime"),
        ),
        _desc(body, "the rebels", "insurgent"),
        _desc(
            body,
            "militants who arrived from Zed",
            "insurgent",
            relation="origin",
            anchor=_span(body, "Zed"),
        ),
    ]
    entities = resolve_entities(Candidates(people, descriptions))
    groups = {e.label: {m.text for m in e.mentions} for e in entities.values() if not e.named}
    assert groups == {
        "government forces": {
            "government forces",
            "Syrian security forces",
            "troops loyal to President Ali Bo",
        },
        "insurgents loyal to Omar Fa": {
            "insurgents loyal to Omar Fa",
            "supporters of the former regime",
            "the rebels",
        },
        "militants who arrived from Zed": {"militants who arrived from Zed"},
    }
    assert all(e.type is EntityType.ARMED_GROUP for e in entities.values() if not e.named)


@pytest.mark.parametrize("labels", [("Ann Lee", "Bo Chan"), ("Bo Chan", "Ann Lee")])
def test_keys_are_deterministic(labels: tuple[str, str]) -> None:
    body = "Ann Lee met Bo Chan."
    cands = Candidates(names(body, *((t, P) for t in sorted(labels, key=body.index))))
    assert list(resolve_entities(cands)) == ["person:ann-lee", "person:bo-chan"]


def test_acronym_in_parentheses_joins_the_name_before_it() -> None:
    body = "the Group for Support (JNIM) struck. JNIM denied."
    group = NameMention(_span(body, "Group for Support"), ORG, Source.NER)
    first = body.index("JNIM")
    alias = NameMention(
        Mention(first, first + 4, "JNIM"), ORG, Source.NER, alias_of=group.mention.begin
    )
    later = NameMention(
        Mention(body.rindex("JNIM"), body.rindex("JNIM") + 4, "JNIM"), ORG, Source.NER
    )
    entities = resolve_entities(Candidates([group, alias, later]))
    assert list(entities) == ["organisation:group-for-support"]
    assert len(entities["organisation:group-for-support"].mentions) == 3


def test_members_of_a_named_organisation_are_its_mentions_and_make_it_armed() -> None:
    body = "rebels of the Azawad Front attacked. The Azawad Front denied."
    front = NameMention(_span(body, "Azawad Front"), ORG, Source.NER)
    desc = _desc(
        body,
        "rebels of the Azawad Front",
        "insurgent",
        relation="loyal",
        connector="of",
        anchor=_span(body, "the Azawad Front"),
    )
    entities = resolve_entities(Candidates([front], [desc]))
    [entity] = entities.values()
    assert entity.type is EntityType.ARMED_GROUP and entity.named
    assert [m.text for m in entity.mentions] == ["rebels of the Azawad Front", "Azawad Front"]


def test_loose_rebels_join_the_only_named_non_state_armed_group() -> None:
    body = "The Arakan Army took the town. The rebels said so."
    army = NameMention(_span(body, "Arakan Army"), ORG, Source.NER)
    entities = resolve_entities(Candidates([army], [_desc(body, "The rebels", "insurgent")]))
    [entity] = entities.values()
    assert [m.text for m in entity.mentions] == ["Arakan Army", "The rebels"]


def test_community_modifier_keeps_a_group_off_the_state_side() -> None:
    body = "government forces fought Kurdish forces."
    descriptions = [
        _desc(body, "government forces", "state", cues=frozenset({"state"})),
        _desc(body, "Kurdish forces", "state", community="Kurds"),
    ]
    entities = resolve_entities(Candidates([], descriptions))
    assert sorted(e.label for e in entities.values()) == ["Kurdish forces", "government forces"]


def test_possessive_organisation_is_the_named_persons_affiliation() -> None:
    from kg.resolve import PossessiveMention

    body = "Ali Bo from the Kivu Monitor said so. His organization counted 30 dead."
    org = NameMention(_span(body, "Kivu Monitor"), ORG, Source.NER)
    person = NameMention(_span(body, "Ali Bo"), P, Source.NER, affiliation=org.mention.begin)
    cands = Candidates(
        [person, org], possessives=[PossessiveMention(_span(body, "His organization"))]
    )
    entities = resolve_entities(cands)
    assert [m.text for m in entities["organisation:kivu-monitor"].mentions] == [
        "Kivu Monitor",
        "His organization",
    ]


def test_labels_with_one_slug_are_one_entity() -> None:
    """Two names whose IRIs would be one node ("CA - DWR", "CA_DWR") are one entity."""
    from kg.model import EntityType, Mention
    from kg.resolve import NameMention, Source, resolve_entities
    from kg.resolve.candidates import Candidates

    names = [
        NameMention(Mention(0, 8, "CA - DWR"), EntityType.ORGANISATION, Source.NER),
        NameMention(Mention(20, 26, "CA_DWR"), EntityType.ORGANISATION, Source.NER),
    ]
    entities = resolve_entities(Candidates(names))
    assert len(entities) == 1
    (e,) = entities.values()
    assert e.label == "CA - DWR" and e.alt_labels == {"CA_DWR"} and len(e.mentions) == 2


def test_spelling_variants_of_one_person_name() -> None:
    from kg.resolve.named import _variant

    assert _variant(("osama", "bin", "laden"), ("usama", "bin", "ladin"))
    assert _variant(("volodymyr", "zelensky"), ("volodymyr", "zelenskyy"))
    assert not _variant(("hamza", "bin", "laden"), ("osama", "bin", "ladin"))  # two people
    assert not _variant(("john", "smith"), ("joan", "smyth"))  # no word in common
    assert not _variant(("ali", "omar"), ("ali", "omar"))  # the same key: merged elsewhere


@pytest.mark.parametrize("name", ["Gardaí", "Gendarmerie nationale", "Guardia Civil"])
def test_police_named_in_its_own_language_is_an_armed_group(name: str) -> None:
    body = f"The {name} said the road was closed."
    entities = resolve_entities(Candidates(names(body, (name, ORG))))
    assert [e.type for e in entities.values()] == [EntityType.ARMED_GROUP]
