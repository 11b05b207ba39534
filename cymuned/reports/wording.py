"""The words of the committee paper and the data pack in Welsh and English, kept side by side as
data. The English follows the Hywel Dda paper of July 2025 (seed 002); the Welsh is ours, in plain
standard Welsh. No gettext here: a `both` paper needs both languages at once.

Placeholders are filled by monitoring_paper.py and data_pack.py; where a sentence changes with the
figures (one project or many, a majority or not) there is one template per case.
"""

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "cy": "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr".split(),
}

# Cover labels are printed in both languages whatever the paper's language, Welsh first.
COVER = {
    "date_of_meeting": ("DYDDIAD Y CYFARFOD:", "DATE OF MEETING:"),
    "title_of_report": ("TEITL YR ADRODDIAD:", "TITLE OF REPORT:"),
    "lead_director": ("CYFARWYDDWR ARWEINIOL:", "LEAD DIRECTOR:"),
    "reporting_officer": ("SWYDDOG ADRODD:", "REPORTING OFFICER:"),
    "purpose": (
        "Pwrpas yr Adroddiad (dewiswch fel yn addas)",
        "Purpose of the Report (select as appropriate)",
    ),
    "for_information": ("Er Gwybodaeth", "For Information"),
    "for_decision": ("Er Penderfyniad", "For Decision"),
    "sbar": ("ADRODDIAD SCAA", "SBAR REPORT"),
    "situation": ("Sefyllfa", "Situation"),
    "background": ("Cefndir", "Background"),
    "assessment": ("Asesiad", "Assessment"),
    "recommendation": ("Argymhelliad", "Recommendation"),
}

TEXT = {
    "committee_default": {
        "en": "Strategy and Planning Committee",
        "cy": "Pwyllgor Strategaeth a Chynllunio",
    },
    "title_default": {
        "en": "Cluster Integrated Medium Term Plan (IMTP) Monitoring Report",
        "cy": "Adroddiad Monitro Cynllun Tymor Canolig Integredig (CTCI) y Clystyrau",
    },
    "lead_director_default": {
        "en": "Jill Paterson, Director of Primary Care, Community and Long Term Care",
        "cy": "Jill Paterson, Cyfarwyddwr Gofal Sylfaenol, Gofal Cymunedol a Gofal Tymor Hir",
    },
    "reporting_officer_default": {
        "en": "Laura Lloyd Davies, Cluster Development Manager",
        "cy": "Laura Lloyd Davies, Rheolwr Datblygu Clystyrau",
    },
    "wales": {"en": "NHS Wales", "cy": "GIG Cymru"},
    # --- Situation
    "situation_text": {
        "en": "The purpose of the report is to present the Cluster Project Monitoring. The report provides assurances in respect of the work that has been undertaken by the Clusters in the {year} financial year and provides information relating to the continued development of the projects.",
        "cy": "Diben yr adroddiad yw cyflwyno’r gwaith o Fonitro Prosiectau’r Clystyrau. Mae’r adroddiad yn rhoi sicrwydd ynghylch y gwaith a wnaed gan y Clystyrau ym mlwyddyn ariannol {year} ac yn rhoi gwybodaeth am ddatblygiad parhaus y prosiectau.",
    },
    # --- Background
    "background_clusters": {
        "en": "There are {clusters} Primary Care Clusters in {board}{across}, namely {names}.",
        "cy": "Mae {clusters} gofal sylfaenol yn ardal {board}{across}, sef {names}.",
    },
    "background_no_clusters": {
        "en": "This report covers no Primary Care Cluster in {board}: none of those asked for could be found for this quarter.",
        "cy": "Nid yw’r adroddiad hwn yn ymdrin ag unrhyw Glwstwr Gofal Sylfaenol yn ardal {board}: ni ellid dod o hyd i’r un o’r rhai y gofynnwyd amdanynt ar gyfer y chwarter hwn.",
    },
    "background_one_cluster": {
        "en": "This report covers the {name} Primary Care Cluster ({code}) in {board}.",
        "cy": "Mae’r adroddiad hwn yn ymdrin â Chlwstwr Gofal Sylfaenol {name} ({code}) yn ardal {board}.",
    },
    "across_counties": {"en": " working across the {counties}", "cy": ", yn gweithio ar draws y {counties}"},
    "cluster_item": {"en": "{name} Cluster ({code})", "cy": "Clwstwr {name} ({code})"},
    "and": {"en": " and ", "cy": " a "},
    "in_county": {"en": "{clusters} in {county}", "cy": "{county}: {clusters}"},
    "county_separator": {"en": ", ", "cy": "; "},
    "background_collaboratives": {
        "en": "Clusters develop place-based care through Professional Collaboratives and Clusters. Collaboratives bring together General Medical Services, Community Pharmacy, Optometry, Nursing and Allied Health Professionals within their professional groups to assess population health needs and service transformation. Clusters are multi-disciplinary, including Professional Collaborative Leads, Third Sector, Local Authority, Secondary Care and Community, that test innovative solutions and drive system change.",
        "cy": "Mae’r Clystyrau’n datblygu gofal sy’n seiliedig ar le drwy Gydweithredfeydd Proffesiynol a Chlystyrau. Mae’r Cydweithredfeydd yn dod â Gwasanaethau Meddygol Cyffredinol, Fferylliaeth Gymunedol, Optometreg, Nyrsio a Gweithwyr Proffesiynol Perthynol i Iechyd ynghyd yn eu grwpiau proffesiynol i asesu anghenion iechyd y boblogaeth a thrawsnewid gwasanaethau. Mae’r Clystyrau’n amlddisgyblaethol, gan gynnwys Arweinwyr y Cydweithredfeydd Proffesiynol, y Trydydd Sector, yr Awdurdod Lleol, Gofal Eilaidd a’r Gymuned, ac maent yn profi atebion arloesol ac yn sbarduno newid yn y system.",
    },
    "background_projects": {
        "en": "{across}, there {were} {projects} identified for quarterly monitoring. Progress on Cluster projects is discussed at each quarterly Cluster meeting and through the monthly Locality Leads meeting.",
        "cy": "{across}, nodwyd {projects} i’w monitro bob chwarter. Trafodir cynnydd prosiectau’r Clystyrau ym mhob cyfarfod chwarterol o’r Clwstwr a thrwy gyfarfod misol yr Arweinwyr Ardal.",
    },
    "background_contract": {
        "en": "Part 7, Schedule 3, Paragraphs 17–19 of The National Health Service (General Medical Services Contracts) (Wales) Regulations 2023 sees the inclusion of GP Collaborative membership and the contribution to Clusters and Collaboratives being included within the core General Medical Services contract.",
        "cy": "Yn sgil Rhan 7, Atodlen 3, Paragraffau 17–19 o Reoliadau’r Gwasanaeth Iechyd Gwladol (Contractau Gwasanaethau Meddygol Cyffredinol) (Cymru) 2023, mae aelodaeth o Gydweithredfa Meddygon Teulu a’r cyfraniad at Glystyrau a Chydweithredfeydd wedi’u cynnwys yn y contract craidd ar gyfer Gwasanaethau Meddygol Cyffredinol.",
    },
    "across_many": {"en": "Across the {clusters}", "cy": "Ar draws y {clusters}"},
    "across_one": {"en": "In the {name} Cluster", "cy": "Yng Nghlwstwr {name}"},
    # --- Assessment
    "cluster_projects": {"en": "Cluster Projects", "cy": "Prosiectau’r Clystyrau"},
    "data_pack_text": {
        "en": "In looking at the current Cluster projects the Cluster data pack is central to the monitoring of Cluster project progression and is therefore key to future planning and service design. The Cluster data pack is presented quarterly at Locality Leads and is available to all Cluster Leads to support discussions on projects at Cluster meetings. The data is presented to offer assurance and to demonstrate project success as well as highlighting areas of concern.",
        "cy": "Wrth edrych ar brosiectau presennol y Clystyrau, mae pecyn data’r Clwstwr yn ganolog i fonitro cynnydd prosiectau’r Clystyrau, ac felly mae’n allweddol i gynllunio a dylunio gwasanaethau yn y dyfodol. Cyflwynir pecyn data’r Clwstwr bob chwarter i gyfarfod yr Arweinwyr Ardal ac mae ar gael i holl Arweinwyr y Clystyrau i gefnogi trafodaethau am brosiectau yng nghyfarfodydd y Clystyrau. Cyflwynir y data i roi sicrwydd ac i ddangos llwyddiant prosiectau yn ogystal ag amlygu meysydd sy’n peri pryder.",
    },
    "position_text": {
        "en": "The following information summarises {these} {projects} initiated and managed by Clusters and is the current position in Quarter {quarter} for {year}.",
        "cy": "Mae’r wybodaeth ganlynol yn crynhoi’r {projects} {these} a gychwynnwyd ac a reolir gan y Clystyrau, a dyma’r sefyllfa bresennol yng Nghwarter {quarter} {year}.",
    },
    "no_projects": {
        "en": "No cluster projects have a monitoring return for Quarter {quarter} {year}.",
        "cy": "Nid oes gan unrhyw brosiect clwstwr ffurflen fonitro ar gyfer Chwarter {quarter} {year}.",
    },
    "target": {"en": "Target", "cy": "Targed"},
    "target_monitored": {
        "en": "{across}, {n_projects} cluster projects are being monitored.",
        "cy": "{across}, mae {projects} clwstwr yn cael eu monitro.",
    },
    "target_monitored_one": {
        "en": "{across}, one cluster project is being monitored.",
        "cy": "{across}, mae un prosiect clwstwr yn cael ei fonitro.",
    },
    "target_green_most": {
        "en": "A significant proportion of these ({green_pct}%, {green_projects}) are reporting on target (green) to achieve the outcomes identified.",
        "cy": "Mae cyfran sylweddol o’r rhain ({green_pct}%, {green_projects}) yn adrodd eu bod ar y targed (gwyrdd) i gyflawni’r canlyniadau a nodwyd.",
    },
    "target_green_some": {
        "en": "{green_pct}% of these ({green}) are reporting on target (green) to achieve the outcomes identified.",
        "cy": "Mae {green_pct}% o’r rhain ({green}) yn adrodd eu bod ar y targed (gwyrdd) i gyflawni’r canlyniadau a nodwyd.",
    },
    "target_amber_red": {
        "en": "{amber_pct}% of projects ({amber}) are of concern (amber). {red_pct}% of projects ({red}) are of significant concern (red).",
        "cy": "Mae {amber_pct}% o’r prosiectau ({amber}) yn peri pryder (ambr). Mae {red_pct}% o’r prosiectau ({red}) yn peri pryder sylweddol (coch).",
    },
    "trend": {"en": "Trend", "cy": "Tuedd"},
    "trend_text": {
        "en": "{improving_pct}% of projects ({improving}) have an improving trend (green). {stable_pct}% of projects ({stable}) are stable (amber).",
        "cy": "Mae gan {improving_pct}% o’r prosiectau ({improving}) duedd sy’n gwella (gwyrdd). Mae {stable_pct}% o’r prosiectau ({stable}) yn sefydlog (ambr).",
    },
    "trend_worsening_few": {
        "en": "Only {worsening_pct}% of projects ({worsening}) are deteriorating / worsening (red).",
        "cy": "Dim ond {worsening_pct}% o’r prosiectau ({worsening}) sy’n dirywio / gwaethygu (coch).",
    },
    "trend_worsening_many": {
        "en": "{worsening_pct}% of projects ({worsening}) are deteriorating / worsening (red).",
        "cy": "Mae {worsening_pct}% o’r prosiectau ({worsening}) yn dirywio / gwaethygu (coch).",
    },
    "grid_text": {
        "en": "The trend and target (RAG) information is used to plot objectives on a risk grid (see below). This is used to identify where focused performance conversations are needed: those falling within the green areas are progressing well and no attention is needed. However, those that fall within the red areas should be discussed and assessed to identify what resources / interventions are needed, or indeed if projects should continue if there is no feasibility of achieving their outcomes.",
        "cy": "Defnyddir gwybodaeth y duedd a’r targed (RAG) i osod amcanion ar grid risg (gweler isod). Defnyddir hwn i nodi lle mae angen sgyrsiau perfformiad penodol: mae’r rhai sydd yn yr ardaloedd gwyrdd yn datblygu’n dda ac nid oes angen sylw arnynt. Fodd bynnag, dylid trafod ac asesu’r rhai sydd yn yr ardaloedd coch i nodi pa adnoddau / ymyriadau sydd eu hangen, neu’n wir a ddylai’r prosiectau barhau os nad oes modd iddynt gyflawni eu canlyniadau.",
    },
    "rag": {"en": "RAG", "cy": "RAG"},
    "rag_status": {"en": "RAG Status", "cy": "Statws RAG"},
    "status_indicates": {"en": "Status Indicates", "cy": "Ystyr y Statws"},
    "risk_grid": {
        "en": "Risk grid: projects by RAG status and trend",
        "cy": "Grid risg: prosiectau yn ôl statws RAG a thuedd",
    },
    "green": {"en": "Green", "cy": "Gwyrdd"},
    "amber": {"en": "Amber", "cy": "Ambr"},
    "red": {"en": "Red", "cy": "Coch"},
    "improving": {"en": "Improving", "cy": "Gwella"},
    "stable": {"en": "Stable", "cy": "Sefydlog"},
    "worsening": {"en": "Worsening", "cy": "Gwaethygu"},
    "flagged_intro": {"en": "The following has been flagged for attention:", "cy": "Tynnwyd sylw at y canlynol:"},
    "red_heading": {"en": "Red – of concern:", "cy": "Coch – yn peri pryder:"},
    "amber_heading": {"en": "Amber – deteriorating:", "cy": "Ambr – yn dirywio:"},
    "lessons_text": {
        "en": "Cluster projects are not meant to be commissioned indefinitely with the aim to be testing new and innovative ways of working. It is important that when projects fail, for whatever reason, we take the learning and apply it to the future commissioning of projects.",
        "cy": "Nid yw prosiectau’r Clystyrau i fod i gael eu comisiynu am gyfnod amhenodol, gan mai eu nod yw profi ffyrdd newydd ac arloesol o weithio. Pan fydd prosiectau’n methu, am ba reswm bynnag, mae’n bwysig ein bod yn dysgu’r gwersi ac yn eu cymhwyso wrth gomisiynu prosiectau yn y dyfodol.",
    },
    "grey_heading": {"en": "Grey – projects finished:", "cy": "Llwyd – prosiectau sydd wedi dod i ben:"},
    "ceased": {"en": "project ceased in {month}.", "cy": "daeth y prosiect i ben ym mis {month}."},
    "ending": {"en": "project ending {month}.", "cy": "bydd y prosiect yn dod i ben ym mis {month}."},
    "yellow_heading": {
        "en": "Yellow – projects to be reviewed at Value and Sustainability Group:",
        "cy": "Melyn – prosiectau i’w hadolygu gan y Grŵp Gwerth a Chynaliadwyedd:",
    },
    "none": {"en": "None.", "cy": "Dim."},
    "listed_more": {
        "en": "And {count} more, not listed here: each cluster’s data pack lists all of its own, and the project list can be filtered to them.",
        "cy": "A {count} arall, nas rhestrir yma: mae pecyn data pob clwstwr yn rhestru pob un o’i rai ei hun, a gellir hidlo’r rhestr prosiectau i’w dangos.",
    },
    # --- Finance
    "finance_heading": {"en": "{year} Cluster Financial Position", "cy": "Sefyllfa Ariannol y Clystyrau {year}"},
    "finance_text": {
        "en": "Each Cluster is allocated an annual budget to be utilised on local population needs and service provision. The Primary Care Service Managers (PCSMs) routinely monitor the cluster budget position and meet monthly with their allocated Finance Business Partner. The table below sets out the annual budget allocated, and {spend}.",
        "cy": "Dyrennir cyllideb flynyddol i bob Clwstwr i’w defnyddio ar anghenion y boblogaeth leol a darparu gwasanaethau. Mae’r Rheolwyr Gwasanaethau Gofal Sylfaenol yn monitro sefyllfa cyllideb y clwstwr yn rheolaidd ac yn cyfarfod bob mis â’u Partner Busnes Cyllid dynodedig. Mae’r tabl isod yn nodi’r gyllideb flynyddol a ddyrannwyd, a’r {spend}.",
    },
    "spend_end_of_year": {
        "en": "the end of year spend as at Month 12",
        "cy": "gwariant ar ddiwedd y flwyddyn ym Mis 12",
    },
    "spend_to_date": {"en": "the spend to date as at Month {month}", "cy": "gwariant hyd yma ym Mis {month}"},
    "no_budgets": {
        "en": "No cluster budgets have been recorded for {year}.",
        "cy": "Nid oes cyllidebau clwstwr wedi’u cofnodi ar gyfer {year}.",
    },
    "cluster": {"en": "Cluster", "cy": "Clwstwr"},
    "budget": {"en": "{year} Budget", "cy": "Cyllideb {year}"},
    "eoy_spend": {"en": "EoY Spend", "cy": "Gwariant Diwedd Blwyddyn"},
    "ytd_spend": {"en": "YTD Spend", "cy": "Gwariant Hyd Yma"},
    "variance": {"en": "Variance", "cy": "Amrywiant"},
    "spend_unknown": {"en": "Spend Unknown", "cy": "Gwariant Anhysbys"},
    "total": {"en": "Total", "cy": "Cyfanswm"},
    "finance_data": {"en": "Finance Data", "cy": "Data Cyllid"},
    "synthetic_spend_all": {
        "en": "The spend in this table is synthetic: it was made up for the demonstration and is not a real financial position.",
        "cy": "Mae’r gwariant yn y tabl hwn yn synthetig: fe’i lluniwyd ar gyfer yr arddangosiad ac nid yw’n sefyllfa ariannol go iawn.",
    },
    "synthetic_spend_some": {
        "en": "The spend of {clusters} in this table is synthetic: it was made up for the demonstration and is not a real financial position.",
        "cy": "Mae gwariant {clusters} yn y tabl hwn yn synthetig: fe’i lluniwyd ar gyfer yr arddangosiad ac nid yw’n sefyllfa ariannol go iawn.",
    },
    "unknown_all": {
        "en": "All {clusters} Clusters have monies that are not allocated to specific projects, which are therefore recorded as ‘Spend Unknown’ ({amount} in all). These should be reviewed and updated with the Finance Business Partner.",
        "cy": "Ym mhob un o’r {clusters}, mae arian heb ei ddyrannu i brosiectau penodol, a gofnodir felly fel ‘Gwariant Anhysbys’ ({amount} i gyd). Dylid adolygu a diweddaru hyn gyda’r Partner Busnes Cyllid.",
    },
    "unknown_some": {
        "en": "{some} of the {clusters} Clusters have monies that are not allocated to specific projects, which are therefore recorded as ‘Spend Unknown’ ({amount} in all). These should be reviewed and updated with the Finance Business Partner.",
        "cy": "Mewn {some} o’r {clusters}, mae arian heb ei ddyrannu i brosiectau penodol, a gofnodir felly fel ‘Gwariant Anhysbys’ ({amount} i gyd). Dylid adolygu a diweddaru hyn gyda’r Partner Busnes Cyllid.",
    },
    "unknown_one": {
        "en": "One Cluster has monies that are not allocated to specific projects, which are therefore recorded as ‘Spend Unknown’ ({amount}). These should be reviewed and updated with the Finance Business Partner.",
        "cy": "Mewn un clwstwr, mae arian heb ei ddyrannu i brosiectau penodol, a gofnodir felly fel ‘Gwariant Anhysbys’ ({amount}). Dylid adolygu a diweddaru hyn gyda’r Partner Busnes Cyllid.",
    },
    "unknown_none": {
        "en": "All monies are allocated to specific projects; no spend is recorded as ‘Spend Unknown’.",
        "cy": "Mae’r holl arian wedi’i ddyrannu i brosiectau penodol; nid oes gwariant wedi’i gofnodi fel ‘Gwariant Anhysbys’.",
    },
    # --- Recommendation
    "committee_asked": {"en": "The Committee is asked to:", "cy": "Gofynnir i’r Pwyllgor:"},
    "note": {"en": "NOTE", "cy": "NODI"},
    "note_process": {
        "en": "the process being taken to ensure progress of Cluster projects through the monitoring and evaluation process",
        "cy": "y broses sy’n cael ei dilyn i sicrhau cynnydd prosiectau’r Clystyrau drwy’r broses fonitro a gwerthuso",
    },
    "note_finance": {"en": "the process of reporting finance data", "cy": "y broses o adrodd data cyllid"},
    "note_final": {
        "en": "the final cluster project and financial position as at Month 12",
        "cy": "sefyllfa derfynol prosiectau’r clystyrau a’r sefyllfa ariannol ym Mis 12",
    },
    "note_position": {
        "en": "the cluster project and financial position as at Month {month}",
        "cy": "sefyllfa prosiectau’r clystyrau a’r sefyllfa ariannol ym Mis {month}",
    },
    # --- Charts
    "rag_chart": {"en": "Projects by RAG status", "cy": "Prosiectau yn ôl statws RAG"},
    "trend_chart": {"en": "Projects by trend", "cy": "Prosiectau yn ôl tuedd"},
    "rag_chart_alt": {
        "en": "Bar chart of projects by RAG status: {green} green, {amber} amber, {red} red.",
        "cy": "Siart bar o’r prosiectau yn ôl statws RAG: {green} gwyrdd, {amber} ambr, {red} coch.",
    },
    "trend_chart_alt": {
        "en": "Bar chart of projects by trend: {improving} improving, {stable} stable, {worsening} worsening.",
        "cy": "Siart bar o’r prosiectau yn ôl tuedd: {improving} yn gwella, {stable} yn sefydlog, {worsening} yn gwaethygu.",
    },
    "projects_axis": {"en": "Projects", "cy": "Prosiectau"},
    "page": {"en": "Page", "cy": "Tudalen"},
    # --- Data pack
    "data_pack": {"en": "Cluster data pack", "cy": "Pecyn data’r clwstwr"},
    "quarter_of": {"en": "Quarter {quarter} {year}", "cy": "Chwarter {quarter} {year}"},
    # after a name or narrative that has no Welsh yet, in a Welsh paper
    "english_only": {"en": "(in English only)", "cy": "(Saesneg yn unig)"},
    "summary_heading": {"en": "Summary", "cy": "Crynodeb"},
    "projects_heading": {"en": "Projects and their RAG history", "cy": "Prosiectau a’u hanes RAG"},
    "history_caption": {
        "en": "RAG status of each project at each quarterly return (– : no return).",
        "cy": "Statws RAG pob prosiect ym mhob ffurflen chwarterol (– : dim ffurflen).",
    },
    "project": {"en": "Project", "cy": "Prosiect"},
    "flagged_heading": {"en": "Flagged for attention", "cy": "Materion sydd angen sylw"},
    "outcomes_heading": {"en": "Outcomes", "cy": "Canlyniadau"},
    "no_outcomes": {
        "en": "No outcome charts are available for this cluster’s projects.",
        "cy": "Nid oes siartiau canlyniadau ar gael ar gyfer prosiectau’r clwstwr hwn.",
    },
    # the cluster's Key Indicator Dashboard (issue 16 item 5)
    "indicators_heading": {"en": "Key indicators, {year}", "cy": "Dangosyddion allweddol, {year}"},
    "indicators_heading_plain": {"en": "Key indicators", "cy": "Dangosyddion allweddol"},
    "no_indicators": {
        "en": "No indicator data has been imported for this year or before it.",
        "cy": "Nid oes data dangosyddion wedi’u mewnforio ar gyfer y flwyddyn hon na chynt.",
    },
    "no_findings": {
        "en": "No indicator differs significantly from the health board or Wales.",
        "cy": "Nid oes unrhyw ddangosydd yn wahanol iawn i’r bwrdd iechyd na Chymru.",
    },
    "indicator": {"en": "Indicator", "cy": "Dangosydd"},
    "indicator_value": {"en": "Value (95% interval)", "cy": "Gwerth (cyfwng 95%)"},
    "wales_area": {"en": "Wales", "cy": "Cymru"},
    "withheld": {"en": "withheld: a count below 5", "cy": "wedi’i atal: cyfrif o dan 5"},
    "sum_of_practices": {"en": "sum of practices", "cy": "swm y practisau"},
    "higher": {"en": "higher", "cy": "uwch"},
    "lower": {"en": "lower", "cy": "is"},
    "similar": {"en": "similar", "cy": "tebyg"},
    "better": {"en": "better", "cy": "gwell"},
    "worse": {"en": "worse", "cy": "gwaeth"},
    "indicators_caption": {
        "en": "Each indicator of {area} with its 95% confidence interval, against {board} and Wales: higher "
        "or lower when the interval lies wholly above or below the comparator’s value, else similar. "
        "Recorded prevalence reflects both need and how well conditions are found, so it is not judged "
        "better or worse. The area is made of its practices as on {on}.",
        "cy": "Pob dangosydd ar gyfer {area} gyda’i gyfwng hyder 95%, o’i gymharu â {board} a Chymru: uwch "
        "neu is pan fo’r cyfwng yn gyfan gwbl uwchben neu islaw gwerth y gymhariaeth, fel arall tebyg. "
        "Mae nifer yr achosion a gofnodir yn adlewyrchu’r angen a pha mor dda y canfyddir cyflyrau, felly "
        "ni chaiff ei farnu’n well nac yn waeth. Mae’r ardal wedi’i gwneud o’i phractisau fel yr oeddent ar {on}.",
    },
    "spine_caption": {
        "en": "Spine chart: each indicator against the range of clusters in Wales.",
        "cy": "Siart asgwrn cefn: pob dangosydd yn erbyn ystod clystyrau Cymru.",
    },
    # coverage of the quarter's returns, on the paper's first page (issue 12 item 14)
    "coverage": {
        "en": "{with_return} of {monitored} monitored projects have a return for this quarter{missing}.",
        "cy": "Mae gan {with_return} o {monitored} o brosiectau a fonitrir ffurflen ar gyfer y chwarter hwn{missing}.",
    },
    "coverage_missing": {"en": "; missing: {codes}", "cy": "; ar goll: {codes}"},
    "coverage_more": {"en": " and {n} more", "cy": " a {n} arall"},
    "coverage_incomplete": {
        "en": "This paper is incomplete: fewer than {pct}% of the monitored projects have a return for "
        "Quarter {quarter} {year}, and its figures will change as the remaining returns arrive.",
        "cy": "Mae’r papur hwn yn anghyflawn: mae gan lai na {pct}% o’r prosiectau a fonitrir ffurflen ar "
        "gyfer Chwarter {quarter} {year}, a bydd ei ffigurau’n newid wrth i’r ffurflenni eraill gyrraedd.",
    },
}


def say(key: str, language: str, **values) -> str:
    return TEXT[key][language].format(**values)


def cover(key: str) -> str:
    """A cover label in both languages, Welsh first, as the paper prints them."""
    welsh, english = COVER[key]
    return f"{welsh} {english}" if welsh.endswith(":") else f"{welsh} / {english}"


def heading(key: str) -> str:
    """A section heading in both languages: 'Sefyllfa / Situation'."""
    welsh, english = COVER[key]
    return f"{welsh} / {english}"


def month(day, language: str) -> str:
    return f"{MONTHS[language][day.month - 1]} {day.year}"


def long_date(day, language: str) -> str:
    """'01 July 2025' as the paper dates its meetings; '01 Gorffennaf 2025' in Welsh."""
    return f"{day.day:02d} {MONTHS[language][day.month - 1]} {day.year}"
