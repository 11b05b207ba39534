"""The tables a committee paper must carry after its recommendation, as the Hywel Dda papers set them
(seed 002, the closing tables; seed 000 the same, for the Board): **Objectives** (the committee's terms
of reference, the Datix risk register reference and score, the domains and enablers of quality, the
strategic, planning and well-being objectives), **Further information** (evidence base, glossary,
parties consulted) and **Impact** (financial, quality, workforce, risk, legal, reputational, privacy,
equality).

The values are remembered per committee (`Committee.paper_details`: {key: {"en": …, "cy": …}}) and
changed for a paper on the report page. Labels are printed in both languages, Welsh first, whatever
the paper's language, as the seeds print them.
"""

from .document import Cell, Table

# (key, Welsh label, English label) by table; a table's own title is its first line.
TABLES = (
    (
        ("Amcanion: (rhaid cwblhau)", "Objectives: (must be completed)"),
        (
            ("tor_reference", "Cyfeirnod Cylch Gorchwyl y Pwyllgor:", "Committee ToR Reference:"),
            (
                "datix_risk",
                "Cyfeirnod Cofrestr Risg Datix a Sgôr Cyfredol:",
                "Datix Risk Register Reference and Score:",
            ),
            ("quality_domains", "Parthau Ansawdd:", "Domains of Quality:"),
            ("quality_enablers", "Galluogwyr Ansawdd:", "Enablers of Quality:"),
            ("strategic_objectives", "Amcanion Strategol y BIP:", "UHB Strategic Objectives:"),
            ("planning_objectives", "Amcanion Cynllunio:", "Planning Objectives:"),
            ("wellbeing_objectives", "Amcanion Llesiant BIP:", "UHB Well-being Objectives:"),
        ),
    ),
    (
        ("Gwybodaeth Ychwanegol:", "Further Information:"),
        (
            ("evidence_base", "Ar sail tystiolaeth:", "Evidence Base:"),
            ("glossary", "Rhestr Termiau:", "Glossary of Terms:"),
            (
                "parties_consulted",
                "Partïon / Pwyllgorau â ymgynhorwyd ymlaen llaw {committee_cy}:",
                "Parties / Committees consulted prior to {committee_en}:",
            ),
        ),
    ),
    (
        ("Effaith: (rhaid cwblhau)", "Impact: (must be completed)"),
        (
            ("impact_financial", "Ariannol / Gwerth am Arian:", "Financial / Service:"),
            ("impact_quality", "Ansawdd / Gofal Claf:", "Quality / Patient Care:"),
            ("impact_workforce", "Gweithlu:", "Workforce:"),
            ("impact_risk", "Risg:", "Risk:"),
            ("impact_legal", "Cyfreithiol:", "Legal:"),
            ("impact_reputational", "Enw Da:", "Reputational:"),
            ("impact_privacy", "Gyfrinachedd:", "Privacy:"),
            ("impact_equality", "Cydraddoldeb:", "Equality:"),
        ),
    ),
)
KEYS = tuple(key for _title, rows in TABLES for key, _cy, _en in rows)
LABELS = {key: (cy, en) for _title, rows in TABLES for key, cy, en in rows}
GROUPS = {key: title for title, rows in TABLES for key, _cy, _en in rows}

_NOT_APPLICABLE = {"en": "Not Applicable", "cy": "Amherthnasol"}
_SEE_PAPER = {"en": "Please refer to paper", "cy": "Cyfeirier at y papur"}

# What the Strategy and Planning Committee paper of 1 July 2025 (seed 002) says, with our Welsh.
PUBLISHED = {
    "tor_reference": {
        "en": "10.4.1 Report formally, regularly and on a timely basis to the Board on Cluster activities.",
        "cy": "10.4.1 Adrodd yn ffurfiol, yn rheolaidd ac yn amserol i’r Bwrdd ar weithgareddau’r Clystyrau.",
    },
    "datix_risk": _NOT_APPLICABLE,
    "quality_domains": {"en": "7. All apply", "cy": "7. Mae pob un yn berthnasol"},
    "quality_enablers": {"en": "6. All Apply", "cy": "6. Mae pob un yn berthnasol"},
    "strategic_objectives": {
        "en": "All Strategic Objectives are applicable",
        "cy": "Mae pob un o’r Amcanion Strategol yn berthnasol",
    },
    "planning_objectives": {
        "en": "All Planning Objectives Apply",
        "cy": "Mae pob un o’r Amcanion Cynllunio yn berthnasol",
    },
    "wellbeing_objectives": {
        "en": "2. Develop a skilled and flexible workforce to meet the changing needs of the modern NHS\n"
        "4. Improve Population Health through prevention and early intervention, supporting people to live "
        "happy and healthy lives\n"
        "5. Offer a diverse range of employment opportunities which support people to fulfill their potential\n"
        "8. Transform our communities through collaboration with people, communities and partners",
        "cy": "2. Datblygu gweithlu medrus a hyblyg i ddiwallu anghenion newidiol y GIG modern\n"
        "4. Gwella Iechyd y Boblogaeth drwy atal ac ymyrryd yn gynnar, gan gefnogi pobl i fyw bywydau hapus "
        "ac iach\n"
        "5. Cynnig amrywiaeth o gyfleoedd cyflogaeth sy’n cefnogi pobl i gyflawni eu potensial\n"
        "8. Trawsnewid ein cymunedau drwy gydweithio â phobl, cymunedau a phartneriaid",
    },
    "evidence_base": {
        "en": "Agendas and minutes of meetings 2024-25",
        "cy": "Agendâu a chofnodion cyfarfodydd 2024-25",
    },
    "glossary": _NOT_APPLICABLE,
    "parties_consulted": {"en": "Cluster Meetings\nLocality Leads", "cy": "Cyfarfodydd y Clystyrau\nArweinwyr Ardal"},
    "impact_financial": _SEE_PAPER,
    "impact_quality": _SEE_PAPER,
    "impact_workforce": _SEE_PAPER,
    "impact_risk": {
        "en": "Risks will be assessed as part of the ongoing monitoring of the Cluster Data Pack.",
        "cy": "Caiff risgiau eu hasesu fel rhan o’r gwaith parhaus o fonitro Pecyn Data’r Clwstwr.",
    },
    "impact_legal": {"en": "As above", "cy": "Fel uchod"},
    "impact_reputational": {
        "en": "Hywel Dda University Health Board needs to meet the targets set in order to maintain a good "
        "reputation with Welsh Government, together with our stakeholders, including our staff",
        "cy": "Mae angen i Fwrdd Iechyd Prifysgol Hywel Dda gyrraedd y targedau a osodwyd er mwyn cynnal enw da "
        "gyda Llywodraeth Cymru, ynghyd â’n rhanddeiliaid, gan gynnwys ein staff",
    },
    "impact_privacy": _NOT_APPLICABLE,
    "impact_equality": {
        "en": "Consideration of Equality legislation and impact is a fundamental part of the planning of service "
        "delivery changes and improvements.",
        "cy": "Mae ystyried deddfwriaeth Cydraddoldeb a’r effaith yn rhan sylfaenol o gynllunio newidiadau a "
        "gwelliannau i’r modd y darperir gwasanaethau.",
    },
}

NOT_GIVEN = "–"


def cleaned(details: dict | None) -> dict[str, dict[str, str]]:
    """Only the known keys, each with its English and Welsh text (blank when not given)."""
    details = details or {}
    out = {}
    for key in KEYS:
        given = details.get(key) or {}
        out[key] = {lang: str(given.get(lang) or "").strip() for lang in ("en", "cy")}
    return out


def value(details: dict, key: str, language: str) -> str:
    """The text for a paper in `language`: the Welsh falls back to the English."""
    given = details.get(key) or {}
    if language == "cy":
        return given.get("cy") or given.get("en") or ""
    return given.get("en") or ""


def _cell(text: str) -> Cell:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return Cell(NOT_GIVEN)
    return Cell("\n".join(lines))  # plain text, so the table keeps to one page


def _label(text: str, committee_en: str, committee_cy: str) -> str:
    return text.format(committee_en=committee_en, committee_cy=committee_cy or committee_en)


def details_tables(details: dict, language: str, committee_en: str = "", committee_cy: str = "") -> list[Table]:
    """The three tables, labels Welsh then English; values in the paper's language, or Welsh
    beside English in `both`."""
    tables = []
    for (title_cy, title_en), rows in TABLES:
        body: list[tuple[Cell, ...]] = []
        for key, label_cy, label_en in rows:
            label = Cell(
                f"{_label(label_cy, committee_en, committee_cy)}\n{_label(label_en, committee_en, committee_cy)}",
                bold=True,
            )
            if language == "both":
                body.append((label, _cell(value(details, key, "cy")), _cell(value(details, key, "en"))))
            else:
                body.append((label, _cell(value(details, key, language))))
        title = f"{title_cy}\n{title_en}"
        if language == "both":
            tables.append(Table((title, "Cymraeg", "English"), tuple(body), row_headers=True, widths=(2, 3, 3)))
        else:
            tables.append(Table((title, ""), tuple(body), row_headers=True, widths=(2, 3)))
    return tables
