"""What every tab shares: the page context, translated labels, header and example questions."""

from __future__ import annotations

from dataclasses import dataclass, field

import gradio as gr

from bot.web import rendering as r
from bot.web.messages import DEFAULT, t

# (topic key in the catalogue) per example, cycled over the covered cities so each city has one.
EXAMPLE_TOPICS = ("ex_pay", "ex_training", "ex_tasks", "ex_skills", "ex_market")


@dataclass
class Labels:
    """Components whose visible words come from the catalogue, re-set when the language changes.

    Each entry maps a component property (label, placeholder, value, ...) to a catalogue key.
    """

    values: dict = field(default_factory=dict)  # placeholders' values for the first render
    entries: list[tuple[gr.components.Component, dict[str, str]]] = field(default_factory=list)

    def add(self, component, **keys: str):
        """Register component's translated properties, set in German for the first render."""
        for prop, key in keys.items():
            # Before the config is built, attributes are what the first render shows.
            setattr(component, prop, t(DEFAULT, key, **self.values))
        self.entries.append((component, keys))
        return component

    @property
    def components(self) -> list:
        """The registered components, in order (the outputs of a relabel event)."""
        return [c for c, _ in self.entries]

    def updates(self, lang: str, **values) -> dict:
        """gr.update per component with its properties in lang (placeholders filled)."""
        # str.format ignores unused values, so every text gets all of them.
        return {c: gr.update(**{prop: t(lang, key, **values) for prop, key in keys.items()})
                for c, keys in self.entries}


@dataclass
class Page:
    """What the tabs' builders share: the bot, settings, labels and the page language state."""

    bot: object
    settings: object
    labels: Labels
    lang: gr.State
    # Functions called, in order, when the language changes or the store changes: each returns
    # {component: update} for its tab, given (lang).
    refreshers: list = field(default_factory=list)
    outputs: list = field(default_factory=list)

    def on_refresh(self, outputs: list, fn) -> None:
        """Have fn(lang) -> {component: value} run at page load and on language switch."""
        self.outputs.extend(outputs)
        self.refreshers.append(fn)

    def refreshed(self, lang: str) -> dict:
        """Every registered refresher's updates plus every label, in lang."""
        status = self.bot.knowledge.status()
        out = self.labels.updates(lang, city=first_city(status), cities=cities_text(status, lang))
        for fn in self.refreshers:
            out.update(fn(lang))
        return out

    @property
    def all_outputs(self) -> list:
        """Outputs of a full refresh: labels and refreshers' components."""
        return [*self.labels.components, *self.outputs]


def first_city(status: dict) -> str:
    """A covered city to use in placeholders (Bochum if nothing is indexed)."""
    return (status.get("cities") or ["Bochum"])[0]


def cities_text(status: dict, lang: str) -> str:
    """Covered cities as a list in words: 'A, B und C'."""
    cities = list(status.get("cities") or [])
    if len(cities) < 2:
        return "".join(cities) or "–"
    return f"{', '.join(cities[:-1])} {'und' if lang == 'de' else 'and'} {cities[-1]}"


def examples(cities: list[str], lang: str) -> list[str]:
    """Example questions: one per covered city, topics cycled, then a comparison."""
    out = [t(lang, EXAMPLE_TOPICS[i % len(EXAMPLE_TOPICS)], city=c) for i, c in enumerate(cities)]
    if len(cities) > 1:
        out.append(t(lang, "ex_compare"))
    return out


def header(bot, lang: str) -> str:
    """The header's HTML from the store's current status."""
    return r.header_html(bot.knowledge.status(), lang)
