"""The outcome letter of a peer review and the national themes report, as documents (`reports.document`)
that the Word, HTML and PDF renderers draw. Both languages are kept side by side here as data, so a
letter in both languages is one call (Welsh on the left, as Welsh public bodies set it)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cymuned.reports.document import BulletList, Document, Heading, Paragraph, SideBySide, Table
from cymuned.reports.wording import long_date

WORDS = {
    "title": {
        "en": "Cluster peer review {cycle}: outcome letter",
        "cy": "Adolygiad clwstwr gan gymheiriaid {cycle}: llythyr canlyniad",
    },
    "to": {"en": "To: {board}", "cy": "At: {board}"},
    "cc": {
        "en": "Copied to: {rpb}; the Strategic Programme for Primary Care",
        "cy": "Copi at: {rpb}; y Rhaglen Strategol ar gyfer Gofal Sylfaenol",
    },
    "dear": {"en": "Dear colleagues,", "cy": "Annwyl gydweithwyr,"},
    "opening": {
        "en": "Thank you for hosting the peer review of {unit} on {held}. This letter summarises the discussion and the actions agreed, as part of the national Cluster Peer Review Programme.",
        "cy": "Diolch am gynnal yr adolygiad gan gymheiriaid o {unit} ar {held}. Mae'r llythyr hwn yn crynhoi'r drafodaeth a'r camau a gytunwyd, yn rhan o Raglen Genedlaethol Adolygu Clystyrau gan Gymheiriaid.",
    },
    "not_held": {"en": "date to be confirmed", "cy": "dyddiad i'w gadarnhau"},
    "who": {"en": "Who took part", "cy": "Pwy gymerodd ran"},
    "chair": {"en": "Independent chair: {chair}", "cy": "Cadeirydd annibynnol: {chair}"},
    "reviewers": {"en": "Reviewers ({board}): {names}", "cy": "Adolygwyr ({board}): {names}"},
    "participants": {"en": "Participants: {names}", "cy": "Cyfranogwyr: {names}"},
    "outcomes": {"en": "The outcomes discussed", "cy": "Y canlyniadau a drafodwyd"},
    "summary": {"en": "Summary", "cy": "Crynodeb"},
    "actions": {"en": "Agreed actions", "cy": "Camau a gytunwyd"},
    "action": {"en": "Action", "cy": "Cam gweithredu"},
    "owner": {"en": "Owner", "cy": "Perchennog"},
    "organisation": {"en": "Organisation", "cy": "Sefydliad"},
    "due": {"en": "Due", "cy": "Erbyn"},
    "none": {"en": "No actions were agreed.", "cy": "Ni chytunwyd ar unrhyw gamau."},
    "closing": {
        "en": "The actions will be followed up by the Strategic Programme for Primary Care. Partners in the Regional Partnership Board are asked to reflect on this feedback.",
        "cy": "Bydd y Rhaglen Strategol ar gyfer Gofal Sylfaenol yn dilyn y camau hyn. Gofynnir i bartneriaid y Bwrdd Partneriaeth Rhanbarthol ystyried yr adborth hwn.",
    },
    "sign": {
        "en": "Yours sincerely,\nStrategic Programme for Primary Care",
        "cy": "Yn gywir,\nY Rhaglen Strategol ar gyfer Gofal Sylfaenol",
    },
    "synthetic": {
        "en": "Synthetic demonstration data, not a real review.",
        "cy": "Data arddangos synthetig, nid adolygiad go iawn.",
    },
    "themes_title": {
        "en": "Cluster peer review {cycle}: national themes",
        "cy": "Adolygiad clwstwr gan gymheiriaid {cycle}: themâu cenedlaethol",
    },
    "by_region": {"en": "Actions by region", "cy": "Camau fesul rhanbarth"},
    "by_theme": {"en": "Emerging themes", "cy": "Themâu sy'n dod i'r amlwg"},
    "region": {"en": "Regional Partnership Board", "cy": "Bwrdd Partneriaeth Rhanbarthol"},
    "status": {"en": "Status", "cy": "Statws"},
    "count": {"en": "Actions", "cy": "Camau"},
}


def say(key: str, language: str, **values) -> str:
    return WORDS[key][language].format(**values)


@dataclass(frozen=True)
class LetterAction:
    text: str
    owner: str
    organisation: str
    due: date | None


@dataclass(frozen=True)
class LetterData:
    cycle: str
    unit: dict[str, str]  # language → name
    board: dict[str, str]
    reviewing_board: dict[str, str]
    rpb: dict[str, str]
    held_on: date | None
    chair: str
    reviewers: str
    participants: str
    summary: str
    outcomes: Sequence[tuple[str, dict[str, str], str]]  # code, names by language, discussion
    actions: Sequence[LetterAction]
    synthetic: bool = False


def _blocks(data: LetterData, lang: str) -> tuple:
    held = long_date(data.held_on, lang) if data.held_on else say("not_held", lang)
    blocks: list = [
        Heading(1, say("title", lang, cycle=data.cycle)),
        Paragraph.of(say("to", lang, board=data.board[lang])),
        Paragraph.of(say("cc", lang, rpb=data.rpb[lang])),
    ]
    if data.synthetic:
        blocks.append(Paragraph.of(say("synthetic", lang), bold_lead="!"))
    blocks += [
        Paragraph.of(say("dear", lang)),
        Paragraph.of(say("opening", lang, unit=data.unit[lang], held=held)),
        Heading(2, say("who", lang)),
        BulletList.of(
            say("chair", lang, chair=data.chair or "—"),
            say("reviewers", lang, board=data.reviewing_board[lang], names=data.reviewers or "—"),
            say("participants", lang, names=data.participants or "—"),
        ),
    ]
    if data.summary:
        blocks += [Heading(2, say("summary", lang)), Paragraph.of(data.summary)]
    blocks.append(Heading(2, say("outcomes", lang)))
    for code, names, discussion in data.outcomes:
        blocks += [Heading(3, f"{code}: {names[lang]}"), Paragraph.of(discussion or "—")]
    blocks.append(Heading(2, say("actions", lang)))
    if data.actions:
        blocks.append(
            Table(
                header=(say("action", lang), say("owner", lang), say("organisation", lang), say("due", lang)),
                rows=tuple(
                    (a.text, a.owner, a.organisation, a.due.strftime("%d/%m/%Y") if a.due else "—")
                    for a in data.actions
                ),
                widths=(5, 2, 2, 1),
            )
        )
    else:
        blocks.append(Paragraph.of(say("none", lang)))
    blocks += [Paragraph.of(say("closing", lang)), Paragraph.of(say("sign", lang))]
    return tuple(blocks)


def letter(data: LetterData, language: str) -> Document:
    """The outcome letter in English (`en`), Welsh (`cy`) or both side by side (`both`)."""
    if language == "both":
        body: tuple = (SideBySide(_blocks(data, "cy"), _blocks(data, "en")),)
        title = f"{say('title', 'cy', cycle=data.cycle)} / {say('title', 'en', cycle=data.cycle)}"
    else:
        body = _blocks(data, language)
        title = say("title", language, cycle=data.cycle)
    return Document(title=title, language=language, blocks=body)


@dataclass(frozen=True)
class ThemeAction:
    region: dict[str, str]
    theme: dict[str, str]
    text: str
    status: dict[str, str]


def themes(cycle: str, actions: Sequence[ThemeAction], language: str) -> Document:
    """Seed 003's appendix C: the proposed actions by region, and the count by emerging theme."""
    lang = "en" if language == "both" else language
    blocks: list = [Heading(1, say("themes_title", lang, cycle=cycle)), Heading(2, say("by_theme", lang))]
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.theme[lang]] = counts.get(action.theme[lang], 0) + 1
    blocks.append(
        Table(
            header=(say("by_theme", lang), say("count", lang)),
            rows=tuple((theme, str(n)) for theme, n in sorted(counts.items())),
            numeric_columns=(1,),
        )
    )
    blocks.append(Heading(2, say("by_region", lang)))
    regions: dict[str, list[ThemeAction]] = {}
    for action in actions:
        regions.setdefault(action.region[lang], []).append(action)
    for region, listed in sorted(regions.items()):
        blocks.append(Heading(3, region))
        blocks.append(BulletList.of(*(f"{a.text} ({a.theme[lang]}; {a.status[lang]})" for a in listed)))
    return Document(title=say("themes_title", lang, cycle=cycle), language=lang, blocks=tuple(blocks))
