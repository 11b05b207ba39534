"""The words of the committee paper in Welsh and English, kept side by side as data.

Numbers under ten are written as words, as the Hywel Dda paper does ("eight", "seven clusters").
"""

WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "cy": ["dim", "un", "dau", "tri", "pedwar", "pump", "chwech", "saith", "wyth", "naw"],
}


def number(n: int, language: str) -> str:
    return WORDS[language][n] if 0 <= n < 10 else str(n)


TEXT = {
    "committee_default": {
        "en": "Strategy and Planning Committee",
        "cy": "Pwyllgor Strategaeth a Chynllunio",
    },
    "title_default": {
        "en": "Cluster Integrated Medium Term Plan (IMTP) Monitoring Report",
        "cy": "Adroddiad Monitro Cynllun Tymor Canolig Integredig (CTCI) y Clystyrau",
    },
    "date_of_meeting": {"en": "DATE OF MEETING", "cy": "DYDDIAD Y CYFARFOD"},
    "title_of_report": {"en": "TITLE OF REPORT", "cy": "TEITL YR ADRODDIAD"},
    "lead_director": {"en": "LEAD DIRECTOR", "cy": "CYFARWYDDWR ARWEINIOL"},
    "reporting_officer": {"en": "REPORTING OFFICER", "cy": "SWYDDOG ADRODD"},
    "purpose": {"en": "Purpose of the Report", "cy": "Pwrpas yr Adroddiad"},
    "for_information": {"en": "For Information", "cy": "Er Gwybodaeth"},
    "for_decision": {"en": "For Decision", "cy": "Er Penderfyniad"},
    "sbar": {"en": "SBAR REPORT", "cy": "ADRODDIAD SCAA"},
    "situation": {"en": "Situation", "cy": "Sefyllfa"},
    "background": {"en": "Background", "cy": "Cefndir"},
    "assessment": {"en": "Assessment", "cy": "Asesiad"},
    "recommendation": {"en": "Recommendation", "cy": "Argymhelliad"},
    "situation_text": {
        "en": "The purpose of the report is to present the Cluster Project Monitoring. The report provides assurances in respect of the work that has been undertaken by the Clusters in the {year} financial year and provides information relating to the continued development of the projects.",
        "cy": "Diben yr adroddiad yw cyflwyno’r gwaith o Fonitro Prosiectau’r Clystyrau. Mae’r adroddiad yn rhoi sicrwydd ynghylch y gwaith a wnaed gan y Clystyrau ym mlwyddyn ariannol {year} ac yn rhoi gwybodaeth am ddatblygiad parhaus y prosiectau.",
    },
    "background_text": {
        "en": "There are {clusters} Primary Care Clusters in {board}: {names}. Across the {clusters} Clusters, there were {projects} projects identified for quarterly monitoring. Progress on Cluster projects is discussed at each quarterly Cluster meeting and through the monthly Locality Leads meeting.",
        "cy": "Mae {clusters} Clwstwr Gofal Sylfaenol yn {board}: {names}. Ar draws y {clusters} Clwstwr, nodwyd {projects} o brosiectau i’w monitro bob chwarter. Trafodir cynnydd prosiectau’r Clystyrau ym mhob cyfarfod chwarterol o’r Clwstwr a thrwy gyfarfod misol yr Arweinwyr Ardal.",
    },
    "cluster_projects": {"en": "Cluster Projects", "cy": "Prosiectau’r Clystyrau"},
    "position_text": {
        "en": "The following information summarises these {projects} projects initiated and managed by Clusters and is the current position in Quarter {quarter} for {year}.",
        "cy": "Mae’r wybodaeth ganlynol yn crynhoi’r {projects} o brosiectau hyn a gychwynnwyd ac a reolir gan y Clystyrau, a dyma’r sefyllfa bresennol yn Chwarter {quarter} ar gyfer {year}.",
    },
    "target": {"en": "Target", "cy": "Targed"},
    "target_text": {
        "en": "Across the {clusters} clusters, {projects} cluster projects are being monitored. A significant proportion of these ({green_pct}%, {green} projects) are reporting on target (green) to achieve the outcomes identified. {amber_pct}% of projects ({amber}) are of concern (amber). {red_pct}% of projects ({red}) are of significant concern (red).",
        "cy": "Ar draws y {clusters} clwstwr, mae {projects} o brosiectau clwstwr yn cael eu monitro. Mae cyfran sylweddol o’r rhain ({green_pct}%, {green} o brosiectau) yn adrodd eu bod ar y targed (gwyrdd) i gyflawni’r canlyniadau a nodwyd. Mae {amber_pct}% o’r prosiectau ({amber}) yn peri pryder (ambr). Mae {red_pct}% o’r prosiectau ({red}) yn peri pryder sylweddol (coch).",
    },
    "trend": {"en": "Trend", "cy": "Tuedd"},
    "trend_text": {
        "en": "{improving_pct}% of projects ({improving}) have an improving trend (green). {stable_pct}% of projects ({stable}) are stable (amber). Only {worsening_pct}% of projects ({worsening}) are deteriorating / worsening (red).",
        "cy": "Mae gan {improving_pct}% o’r prosiectau ({improving}) duedd sy’n gwella (gwyrdd). Mae {stable_pct}% o’r prosiectau ({stable}) yn sefydlog (ambr). Dim ond {worsening_pct}% o’r prosiectau ({worsening}) sy’n dirywio / gwaethygu (coch).",
    },
    "grid_text": {
        "en": "The trend and target (RAG) information is used to plot objectives on a risk grid (see below). This is used to identify where focused performance conversations are needed: those falling within the green areas are progressing well and no attention is needed; those that fall within the red areas should be discussed and assessed to identify what resources or interventions are needed, or indeed if projects should continue.",
        "cy": "Defnyddir gwybodaeth y duedd a’r targed (CGA) i osod amcanion ar grid risg (gweler isod). Defnyddir hwn i nodi lle mae angen sgyrsiau perfformiad penodol: mae’r rhai yn yr ardaloedd gwyrdd yn datblygu’n dda ac nid oes angen sylw; dylid trafod ac asesu’r rhai yn yr ardaloedd coch i nodi pa adnoddau neu ymyriadau sydd eu hangen, neu a ddylai’r prosiectau barhau.",
    },
    "rag_status": {"en": "RAG Status", "cy": "Statws CGA"},
    "status_indicates": {"en": "Status Indicates", "cy": "Mae’r statws yn dangos"},
    "risk_grid": {"en": "Risk grid", "cy": "Grid risg"},
    "green": {"en": "Green", "cy": "Gwyrdd"},
    "amber": {"en": "Amber", "cy": "Ambr"},
    "red": {"en": "Red", "cy": "Coch"},
    "improving": {"en": "Improving", "cy": "Gwella"},
    "stable": {"en": "Stable", "cy": "Sefydlog"},
    "worsening": {"en": "Worsening", "cy": "Gwaethygu"},
    "flagged_intro": {
        "en": "The following has been flagged for attention:",
        "cy": "Tynnwyd sylw at y canlynol:",
    },
    "red_heading": {"en": "Red – of concern:", "cy": "Coch – yn peri pryder:"},
    "grey_heading": {"en": "Grey – projects finished:", "cy": "Llwyd – prosiectau wedi dod i ben:"},
    "yellow_heading": {
        "en": "Yellow – projects to be reviewed at Value and Sustainability Group:",
        "cy": "Melyn – prosiectau i’w hadolygu gan y Grŵp Gwerth a Chynaliadwyedd:",
    },
    "none": {"en": "None.", "cy": "Dim."},
    "finance_heading": {
        "en": "{year} Cluster Financial Position",
        "cy": "Sefyllfa Ariannol y Clystyrau {year}",
    },
    "finance_text": {
        "en": "Each Cluster is allocated an annual budget to be utilised on local population needs and service provision. The Primary Care Service Managers routinely monitor the cluster budget position and meet monthly with their allocated Finance Business Partner. The table below sets out the annual budget allocated and the spend to date. Monies not allocated to specific projects are recorded as ‘Spend Unknown’ and should be reviewed with the Finance Business Partner.",
        "cy": "Dyrennir cyllideb flynyddol i bob Clwstwr i’w defnyddio ar anghenion y boblogaeth leol a darparu gwasanaethau. Mae Rheolwyr Gwasanaethau Gofal Sylfaenol yn monitro sefyllfa cyllideb y clwstwr yn rheolaidd ac yn cyfarfod bob mis â’u Partner Busnes Cyllid. Mae’r tabl isod yn nodi’r gyllideb flynyddol a ddyrannwyd a’r gwariant hyd yma. Cofnodir arian nad yw wedi’i ddyrannu i brosiectau penodol fel ‘Gwariant Anhysbys’ a dylid ei adolygu gyda’r Partner Busnes Cyllid.",
    },
    "cluster": {"en": "Cluster", "cy": "Clwstwr"},
    "budget": {"en": "{year} Budget", "cy": "Cyllideb {year}"},
    "spend": {"en": "Spend", "cy": "Gwariant"},
    "spend_unknown": {"en": "Spend Unknown", "cy": "Gwariant Anhysbys"},
    "total": {"en": "Total", "cy": "Cyfanswm"},
    "committee_asked": {"en": "The Committee is asked to:", "cy": "Gofynnir i’r Pwyllgor:"},
    "note": {"en": "NOTE", "cy": "NODI"},
    "note_process": {
        "en": "the process being taken to ensure progress of Cluster projects through the monitoring and evaluation process",
        "cy": "y broses sy’n cael ei dilyn i sicrhau cynnydd prosiectau’r Clystyrau drwy’r broses fonitro a gwerthuso",
    },
    "note_finance": {
        "en": "the process of reporting finance data",
        "cy": "y broses o adrodd data cyllid",
    },
    "note_position": {
        "en": "the cluster project and financial position for {period}",
        "cy": "sefyllfa prosiectau ac ariannol y clystyrau ar gyfer {period}",
    },
    "rag_chart_alt": {
        "en": "Bar chart of projects by RAG status: {green} green, {amber} amber, {red} red.",
        "cy": "Siart bar o’r prosiectau yn ôl statws CGA: {green} gwyrdd, {amber} ambr, {red} coch.",
    },
    "trend_chart_alt": {
        "en": "Bar chart of projects by trend: {improving} improving, {stable} stable, {worsening} worsening.",
        "cy": "Siart bar o’r prosiectau yn ôl tuedd: {improving} yn gwella, {stable} yn sefydlog, {worsening} yn gwaethygu.",
    },
    "projects_axis": {"en": "Projects", "cy": "Prosiectau"},
    "data_pack": {"en": "Cluster data pack", "cy": "Pecyn data’r clwstwr"},
    "projects_heading": {"en": "Projects and their RAG history", "cy": "Prosiectau a’u hanes CGA"},
    "project": {"en": "Project", "cy": "Prosiect"},
    "outcomes_heading": {"en": "Outcomes", "cy": "Canlyniadau"},
    "no_outcomes": {
        "en": "No outcome data has been received for this cluster’s projects yet.",
        "cy": "Ni dderbyniwyd data canlyniadau ar gyfer prosiectau’r clwstwr hwn eto.",
    },
}


def say(key: str, language: str, **values) -> str:
    return TEXT[key][language].format(**values)


def both(key: str, **values) -> str:
    """Welsh / English, as the bilingual labels of the paper are printed."""
    return f"{say(key, 'cy', **values)} / {say(key, 'en', **values)}"
