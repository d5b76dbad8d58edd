"""One city, two professions: each profession's question gets its own figures, a third
profession is refused with the list of those covered (real e5 model, real Chroma)."""

from __future__ import annotations

import pytest

DATA = "tests/data/professions"


@pytest.fixture(scope="module")
def bot(tmp_path_factory, repo_root):
    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    source = repo_root / DATA
    settings = Settings(store_dir=tmp_path_factory.mktemp("professions"), sources=[source])
    summary = build_indexer(settings).run([source])
    assert summary.added == 2 and not summary.failed
    return build_bot(settings)


def test_both_professions_are_covered(bot):
    assert set(bot.catalog.professions) == {"Medizininformatiker", "Pflegekraft"}
    assert bot.catalog.cities == ("Bottrop",)


@pytest.mark.parametrize(
    "question, figures, other",
    [
        ("Was verdient eine Pflegefachkraft in Bottrop zum Einstieg?", ("2.800", "3.100"), "3.150"),
        ("Was verdient ein Medizininformatiker in Bottrop zum Einstieg?", ("3.150", "3.550"),
         "2.800"),
    ],
)
def test_each_profession_gets_its_own_figures(bot, question, figures, other):
    a = bot.ask(question)
    assert a.status == "answered", a.answer
    assert all(f in a.answer for f in figures) and other not in a.answer


@pytest.mark.parametrize(
    "question",
    [
        "Was verdient ein Arzt in Bottrop?",
        # Occupations of the general glossary that no text names, asked singly or compared.
        "Was verdient ein Feuerwehrmann in Bottrop?",
        "What does a tax advisor earn in Bottrop compared with Essen?",
        "What does an archtect earn in Bottrop?",  # misspelt, still an occupation
    ],
)
def test_a_third_profession_is_refused_with_the_covered_ones(bot, question):
    a = bot.ask(question)
    assert a.status == "no_answer" and a.reason == "profession", a.answer
    assert "Medizininformatiker" in a.answer and "Pflegekraft" in a.answer


@pytest.mark.parametrize(
    "question, status",
    [
        # Doctors are the people the text's informaticians train: the text speaks of them.
        ("Muss man in Bottrop auch Ärzte schulen?", "answered"),
        # Vets are named by no text: nothing found speaks of them.
        ("Welche Aufgaben hat ein Tierarzt in Bottrop?", "no_answer"),
    ],
)
def test_another_profession_is_refused_only_when_no_text_speaks_of_it(bot, question, status):
    a = bot.ask(question)
    assert a.status == status, a.answer
    if status == "answered":
        assert any("Ärzte" in c.quote for c in a.citations), a.answer
    else:
        assert a.reason == "profession" and "Tierarzt" in a.answer


def test_hard_wrapped_texts_answer_like_the_originals(tmp_path, corpus_dir, corpus_store):
    """The real texts hard-wrapped at 78 columns: the same figures, cities and verbatim quotes."""
    import re
    import textwrap

    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    wrapped = tmp_path / "wrapped"
    wrapped.mkdir()
    for path in sorted(corpus_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        blocks = [textwrap.fill(line, 78) for line in lines if line.strip()]
        (wrapped / path.name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    settings = Settings(store_dir=tmp_path / "store", sources=[wrapped])
    assert not build_indexer(settings).run([wrapped]).failed
    original, rewrapped = build_bot(corpus_store), build_bot(settings)
    for city in ("Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"):
        for question in (f"Was verdient ein Berufseinsteiger in {city}?",
                         f"How much do experienced people earn in {city}?"):
            a, b = original.ask(question), rewrapped.ask(question)
            assert (a.status, a.cities) == (b.status, b.cities), question
            figures = re.compile(r"\d\.\d{3}|€\d,\d{3}")
            assert figures.findall(a.answer) == figures.findall(b.answer), (a.answer, b.answer)
            for c in b.citations:
                text = (wrapped / c.source.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
                assert text[c.start : c.end] == c.quote


def test_a_question_naming_no_profession_takes_the_one_its_city_covers():
    from bot.answering.salary import implied_profession
    from bot.understanding.analysis import Query
    from knowledge.base import SalaryRow

    def fact(city, profession):
        return SalaryRow("s", "t", city, profession, "entry", 3000, 3500, "month", "x", 0, 1)

    facts = [fact("Bochum", "Medizininformatiker"), fact("Hamm", "Pflegekraft"),
             fact("Herne", "Pflegekraft"), fact("Herne", "Archivar")]
    # The store's main profession is another one: the city's own figures still answer.
    assert implied_profession(Query("x", cities=("Bochum",)), facts, "Pflegekraft") == (
        "Medizininformatiker"
    )
    assert implied_profession(Query("x", cities=("Herne",)), facts, "Archivar") == "Archivar"
    assert implied_profession(Query("x"), facts, "Pflegekraft") == "Pflegekraft"
