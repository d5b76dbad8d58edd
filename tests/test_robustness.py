"""Bad questions never crash the bot: empty, huge, control characters, HTML, other scripts and
languages, odd histories. Generated with hypothesis against the real Assistant over the corpus."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUESTIONS = [
    "Was verdient ein Medizininformatiker in Bochum?",
    "How much do graduates earn in Dortmund?",
    "Welche Weiterbildungen gibt es in Wuppertal?",
    "Und in Duisburg?",
]
HTML = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<b>fett</b> &amp; &lt;kursiv&gt;",
    "</div></li><iframe src=//example.org>",
    "[1](javascript:alert(1)) **Markdown** `code`",
]
FOREIGN = [
    "Сколько зарабатывает медицинский информатик в Бохуме?",
    "بوخوم في الطبية المعلوماتية أخصائي راتب هو ما",
    "波鸿的医学信息学家工资是多少？",
    "Combien gagne un informaticien médical à Dortmund ?",
    "Duisburg'da tıp bilişimcisi ne kadar kazanır?",
    "ボーフムの給料は？🙂🏥",
    "שכר בבוכום",
]
CONTROL = st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp"])
SCRIPTS = st.characters(
    min_codepoint=0x0370, max_codepoint=0x30FF, categories=["L", "M", "N", "P", "S", "Z"]
)


# The bot fixture is built once per module on purpose; big inputs are the point.
RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def _huge(seed: str, size: int) -> str:
    return (seed * (size // max(1, len(seed)) + 1))[:size]


questions = st.one_of(
    st.just(""),
    st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028\u3000", max_size=20),
    st.text(max_size=300),
    st.text(alphabet=CONTROL, max_size=50),
    st.text(alphabet=SCRIPTS, min_size=1, max_size=200),
    st.sampled_from(FOREIGN),
    st.tuples(st.sampled_from(QUESTIONS), st.text(alphabet=CONTROL, max_size=10)).map(
        lambda t: t[1].join(t[0].split(" "))
    ),
    st.tuples(st.sampled_from(HTML), st.sampled_from(QUESTIONS)).map(" ".join),
    st.builds(
        _huge, st.sampled_from([*QUESTIONS, "ä", "<b>", "\x00"]), st.sampled_from([2001, 100_000])
    ),
)
histories = st.lists(
    st.one_of(
        st.sampled_from(QUESTIONS),
        questions,
        st.fixed_dictionaries(
            {
                "role": st.sampled_from(["user", "assistant"]),
                "content": st.one_of(questions, st.just(None)),
            }
        ),
        st.just({"role": "user", "content": [{"type": "text", "text": "Und in Bochum?"}]}),
        st.just(["Was verdient man in Dortmund?", "…"]),
        st.none(),
        st.integers(),
    ),
    max_size=4,
)


@pytest.fixture(scope="module")
def bot_and_docs(tmp_path_factory, corpus_dir):
    from bot.factory import build_bot, build_indexer
    from bot.settings import Settings

    with pytest.MonkeyPatch.context() as mp:
        for name in ("CAREERBOT_CHROMA_URL", "CAREERBOT_DATABASE_URL", "CAREERBOT_LLM"):
            mp.delenv(name, raising=False)
        settings = Settings(store_dir=tmp_path_factory.mktemp("robust"))
        build_indexer(settings).run([corpus_dir])
        bot = build_bot(settings)
    return bot, bot.knowledge.document


def check(answer, question, lookup) -> None:
    """A valid Answer: known status and language, text, exact citations, serialisable."""
    from bot.model import Answer
    from bot.web.rendering import answer_html, question_html

    assert isinstance(answer, Answer)
    assert answer.status in ("answered", "no_answer")
    assert answer.language in ("de", "en")
    assert isinstance(answer.answer, str) and answer.answer.strip()
    # The assistant turns internal exceptions into a polite reply: that must not happen here.
    assert not (answer.reason or "").startswith("error"), answer.reason
    for c in answer.citations:
        assert lookup(c.source)["text"][c.start : c.end] == c.quote
    line = json.dumps(answer.to_json(), ensure_ascii=False)
    line.encode("utf-8")  # what `careerbot ask --json` prints must be valid UTF-8
    assert json.loads(line)["status"] == answer.status
    html = answer_html(answer, lookup) + question_html(question)
    # Text may say "onerror=" or "<script>" (escaped); no tag of ours may be one or carry one.
    assert not re.search(r"<\s*(script|iframe|img|svg|object|embed)\b", html, re.I), html
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.I), html


@settings(max_examples=60, deadline=None, suppress_health_check=RELAXED)
@given(question=questions, history=histories)
def test_any_question_gets_a_valid_answer(bot_and_docs, question, history):
    bot, lookup = bot_and_docs
    check(bot.ask(question, history), question, lookup)


@settings(max_examples=20, deadline=None, suppress_health_check=RELAXED)
@given(question=questions, history=histories)
def test_streaming_ends_with_the_same_valid_answer(bot_and_docs, question, history):
    bot, lookup = bot_and_docs
    frames = list(bot.stream(question, history))
    assert frames, "stream yielded nothing"
    final = frames[-1].answer
    assert final is not None and all(f.answer is None for f in frames[:-1])
    check(final, question, lookup)
    assert all(isinstance(f.text, str) for f in frames) and frames[-1].text == final.answer
    assert final.answer == bot.ask(question, history).answer
