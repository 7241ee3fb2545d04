"""Report pieces for the chapters on the prognose and the solution directions A, B and C (issue 4).

Every sentence is generated from the computed tables, so the text stays true when the data or the
params change; assumptions are stated where they are used.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import formatting as fmt
from .charts import Figuur, figuur, prognose_chart, tornado_chart, vergelijking_chart, waterval_chart
from .rekentool import bereken_formatie
from .run import Run
from .scenarios import bereken_scenarios, scenario_a_totaal
from .tables import Tabel, tabel
from .verslag import TELLING_NAMEN

VARIANT_NAMEN = {"begroting": "Begroting", "winstwaarschuwing": "Winstwaarschuwing", "trend": "Trend"}


_CACHE: dict[int, tuple[Run, dict[str, pd.DataFrame]]] = {}


def tabellen(run: Run) -> dict[str, pd.DataFrame]:
    """All issue-4 tables of the run, computed once per run (a chapter calls several pieces)."""
    treffer = _CACHE.get(id(run))
    if treffer is None or treffer[0] is not run:
        _CACHE.clear()
        _CACHE[id(run)] = (run, bereken_scenarios(run))
    return _CACHE[id(run)][1]


def _fte_kol(run: Run) -> str:
    return f"fte_{run.params.normset}"


# --- Prognose ----------------------------------------------------------------------------------------


def prognose_tekst(run: Run) -> Markdown:
    p, kg = run.params, run.data.kengetallen
    prog = tabellen(run)["prognose"]
    kol = _fte_kol(run)
    jaren = sorted(prog["jaar"].unique())
    eerste = jaren[0]
    rij = lambda v, j: prog[(prog["variant"] == v) & (prog["jaar"] == j)].iloc[0]  # noqa: E731
    b, w, t = rij("begroting", eerste), rij("winstwaarschuwing", eerste), rij("trend", eerste)
    pp = p.prognose
    regels = [
        f"Voor {eerste} zijn drie verwachtingen naast elkaar gezet. De **begroting** ({pp.begroting_periode or p.besluit_periode}) "
        f"gaat uit van {fmt.aantal(b['meldingen'], 'meldingen')}; daarvoor is {fmt.fte(b[kol], eenheid=True)} nodig. "
        f"De **winstwaarschuwing** op basis van de aantallen van oktober komt op {fmt.aantal(w['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(w['adviezen'], 'adviezen')}: {fmt.fte(w[kol], eenheid=True)}. "
        f"Een **trend** door de realisaties en BURAP-prognoses geeft {fmt.aantal(t['meldingen'], 'meldingen')} "
        f"({fmt.procent(pp.betrouwbaarheid_pct)}-voorspelinterval {fmt.aantal(t['meldingen_ondergrens'])} tot "
        f"{fmt.aantal(t['meldingen_bovengrens'])}), ofwel {fmt.fte(t[kol], eenheid=True)} "
        f"({fmt.fte(t[f'{kol}_ondergrens'])} tot {fmt.fte(t[f'{kol}_bovengrens'])}).",
        f"Beschikbaar is {fmt.fte(kg.fte_beschikbaar[eerste].waarde, eenheid=True)} in {eerste}"
        + "".join(
            f" en {fmt.fte(kg.fte_beschikbaar[j].waarde, eenheid=True)} in {j}"
            for j in jaren[1:]
            if j in kg.fte_beschikbaar
        )
        + ".",
        "*Aannames.* De trend is een rechte lijn (kleinste kwadraten) door één punt per jaar; voor het lopende jaar telt "
        "de laatste BURAP-prognose. Met zo weinig punten is het voorspelinterval (Student-t met n − 2 vrijheidsgraden) "
        f"bewust breed. Aantallen die een variant niet geeft (overdrachten, onderzoeken, monitoring) volgen de verhouding tot de "
        f"meldingen in {pp.basis_periode or p.peilmoment}. Voor latere jaren groeit de begroting met "
        f"{fmt.procent(pp.begroting_groei_pct_per_jaar, 1)} en de winstwaarschuwing met "
        f"{fmt.procent(pp.winstwaarschuwing_groei_pct_per_jaar, 1)} per jaar.",
    ]
    return Markdown("\n\n".join(regels))


def prognose_tabel(run: Run) -> Tabel:
    prog = tabellen(run)["prognose"].copy()
    kol = _fte_kol(run)
    ns = [run.params.normset] + ([run.params.normset_vergelijking] if run.params.normset_vergelijking else [])
    prog["variant"] = prog["variant"].map(VARIANT_NAMEN).fillna(prog["variant"])
    prog["bandbreedte"] = [
        f"{fmt.fte(lo)} – {fmt.fte(hi)}" if pd.notna(lo) else ""
        for lo, hi in zip(prog[f"{kol}_ondergrens"], prog[f"{kol}_bovengrens"])
    ]
    kolommen = ["variant", "jaar", "meldingen", "adviezen", *[f"fte_{n}" for n in ns], "bandbreedte"]
    formats = {k: fmt.aantal for k in ("meldingen", "adviezen")} | {f"fte_{n}": fmt.fte for n in ns}
    formats["jaar"] = str
    formats["bandbreedte"] = str
    koppen = {"variant": "Variant", "jaar": "Jaar", **TELLING_NAMEN, "bandbreedte": f"Interval {run.params.normset}"}
    koppen |= {f"fte_{n}": f"Fte {n}" for n in ns}
    return tabel(prog[kolommen], "Prognose van de volumes en de benodigde formatie per variant", formats, koppen)


def prognose_figuur(run: Run, grootheid: str = "meldingen") -> Figuur:
    """Meldingen or required fte: one history point per year (the last period of that year that is
    not a begroting), the variants, the trend band; for fte also the available fte per year."""
    prog = tabellen(run)["prognose"]
    formatie = bereken_formatie(run.data.volumes, run.data.normen)
    historie = formatie[formatie["status"] != "begroting"].drop_duplicates("jaar", keep="last")
    historie = historie[["jaar", grootheid]].rename(columns={grootheid: "waarde"})
    if grootheid == "meldingen":
        chart = prognose_chart(prog, historie, grootheid, "Meldingen per jaar", fmt.aantal)
        bijschrift = (
            "Meldingen per jaar: realisaties en BURAP's, de drie prognosevarianten en het voorspelinterval van de trend"
        )
    else:
        beschikbaar = {j: kg.waarde for j, kg in run.data.kengetallen.fte_beschikbaar.items() if j in set(prog["jaar"])}
        chart = prognose_chart(prog, historie, grootheid, "Fte", fmt.fte, beschikbaar)
        bijschrift = (
            f"Benodigde formatie ({run.params.normset}) per prognosevariant, met het voorspelinterval van de trend "
            "en de beschikbare formatie (stippellijn)"
        )
    return figuur(chart, bijschrift)


# --- A: middelen bijstellen -------------------------------------------------------------------------


def scenario_a_tekst(run: Run) -> Markdown:
    a = tabellen(run)["scenario_a"]
    p, kg = run.params, run.data.kengetallen
    if a.empty:
        return Markdown(
            "In de parameters van deze run is geen overbruggingsperiode gekozen; scenario A is daarom niet doorgerekend."
        )
    totaal = scenario_a_totaal(a)
    jaren = ", ".join(str(j) for j in a["jaar"])
    zinnen = [
        f"Scenario A vult het tekort aan met geld, voor de overbruggingsperiode {jaren} (tot B en C effect hebben). "
        f"Gerekend is met de prognose *{VARIANT_NAMEN.get(p.scenario_a.prognose_variant, p.scenario_a.prognose_variant)}* "
        f"en {fmt.euro(kg.kosten_per_fte_euro.waarde)} per fte."
    ]
    for _, r in a.iterrows():
        zinnen.append(
            f"In {int(r['jaar'])} is {fmt.fte(r['extra_fte_formatie'], eenheid=True)} extra nodig om de gap te dichten "
            f"({fmt.euro(r['kosten_formatie_euro'])}); met de aanvullende posten wordt dat {fmt.fte(r['extra_fte_totaal'], eenheid=True)} "
            f"of {fmt.euro(r['kosten_totaal_euro'])}."
        )
    tekort = kg.indexatie_gevraagd_euro.waarde - kg.indexatie_toegekend_euro.waarde
    zinnen.append(
        f"Het verschil tussen de gevraagde indexatie ({fmt.procent(kg.indexatie_gevraagd_pct.waarde, 1)}, "
        f"{fmt.euro(kg.indexatie_gevraagd_euro.waarde)}) en de toegekende ({fmt.procent(kg.indexatie_toegekend_pct.waarde, 1)}, "
        f"{fmt.euro(kg.indexatie_toegekend_euro.waarde)}) is {fmt.euro(tekort)}: "
        f"{fmt.fte(tekort / kg.kosten_per_fte_euro.waarde, eenheid=True)} per jaar."
    )
    zinnen.append(
        f"Over de hele periode kost A {fmt.euro(totaal['kosten_totaal_euro'])}, "
        f"{fmt.fte(totaal['extra_fte_totaal'])} fte-jaren."
    )
    return Markdown("\n\n".join(zinnen))


def scenario_a_tabel(run: Run) -> Tabel:
    a = tabellen(run)["scenario_a"]
    posten = [
        ("formatie", "Gap dichten"),
        ("indexatie", "Indexatietekort"),
        ("voit", "VOiT voortzetten"),
        ("veiligheid_voorop", "Veiligheid Voorop voortzetten"),
        ("totaal", "Totaal"),
    ]
    rijen = []
    for sleutel, naam in posten:
        rij = {"post": naam}
        for _, r in a.iterrows():
            j = int(r["jaar"])
            rij[f"fte_{j}"] = r[f"extra_fte_{sleutel}"]
            rij[f"euro_{j}"] = r[f"kosten_{sleutel}_euro"]
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    formats = {k: (fmt.fte if k.startswith("fte_") else fmt.euro) for k in df.columns if k != "post"}
    koppen = {"post": "Post"} | {
        k: (f"Fte {k[4:]}" if k.startswith("fte_") else f"Kosten {k[5:]}") for k in df.columns if k != "post"
    }
    return tabel(df, "Scenario A: extra formatie en kosten per jaar", formats, koppen)


# --- B: terugdringen van meldingen -------------------------------------------------------------------


def scenario_b_tekst(run: Run) -> Markdown:
    b = tabellen(run)["scenario_b"]
    p = run.params
    zinnen = [
        "Scenario B vraagt de gemeenten het aantal meldingen terug te brengen tot wat de beschikbare formatie volgens de "
        f"rekentool ({p.normset}) aankan. "
        + (
            "De adviezen dalen daarbij naar verhouding mee."
            if p.scenario_b.adviezen_meeschalen
            else "Het aantal adviezen blijft daarbij gelijk."
        )
    ]
    for _, r in b.iterrows():
        zinnen.append(
            f"In {int(r['jaar'])} kan {fmt.fte(r['fte_beschikbaar'], eenheid=True)} ten hoogste {fmt.aantal(r['meldingen_max'], 'meldingen')} "
            f"dragen; tegen de prognose van {fmt.aantal(r['meldingen_prognose'])} is dat {fmt.aantal(r['reductie_meldingen'], 'meldingen')} "
            f"minder ({fmt.procent(r['reductie_pct'], 1)})."
        )
    return Markdown("\n\n".join(zinnen))


def scenario_b_tabel(run: Run) -> Tabel:
    b = tabellen(run)["scenario_b"]
    kol = [
        "jaar",
        "fte_beschikbaar",
        "meldingen_prognose",
        "meldingen_max",
        "reductie_meldingen",
        "reductie_pct",
        "adviezen_max",
    ]
    return tabel(
        b[kol],
        "Scenario B: het grootste aantal meldingen dat de beschikbare formatie kan dragen",
        {
            "jaar": str,
            "fte_beschikbaar": fmt.fte,
            "meldingen_prognose": fmt.aantal,
            "meldingen_max": fmt.aantal,
            "reductie_meldingen": fmt.aantal,
            "reductie_pct": lambda x: fmt.procent(x, 1),
            "adviezen_max": fmt.aantal,
        },
        {
            "jaar": "Jaar",
            "fte_beschikbaar": "Fte beschikbaar",
            "meldingen_prognose": "Meldingen (prognose)",
            "meldingen_max": "Meldingen (maximaal)",
            "reductie_meldingen": "Reductie",
            "reductie_pct": "Reductie %",
            "adviezen_max": "Adviezen (maximaal)",
        },
    )


def claims_tekst(run: Run) -> Markdown:
    c = tabellen(run)["claims"]
    if c.empty:
        return Markdown("Er zijn geen uitspraken over volume en formatie om na te rekenen (`data/claims.csv` is leeg).")
    zinnen = [
        "De impactanalyse noemt zelf volumes die bij een formatie zouden passen. Die uitspraken staan met hun bron in "
        "`data/claims.csv` en zijn met de rekentool nagerekend:"
    ]
    for _, r in c.iterrows():
        richting = "meer" if r["verschil_fte"] > 0 else "minder"
        aangevuld = f" (aangevuld volgens de mix: {r['aangevuld']})" if r.get("aangevuld") else ""
        zinnen.append(
            f"- {int(r['jaar'])}: volgens de bron past {fmt.aantal(r['meldingen'], 'meldingen')} bij {fmt.fte(r['fte_volgens_bron'], eenheid=True)}; "
            f"de rekentool komt op {fmt.fte(r['fte_rekentool'], eenheid=True)}, {fmt.fte(abs(r['verschil_fte']), eenheid=True)} {richting}{aangevuld}."
        )
    return Markdown("\n".join(zinnen))


def claims_tabel(run: Run) -> Tabel:
    c = tabellen(run)["claims"]
    return tabel(
        c[["jaar", "meldingen", "adviezen", "monitoring", "fte_volgens_bron", "fte_rekentool", "verschil_fte"]],
        "Uitspraken van de bron nagerekend met de rekentool",
        {
            "jaar": str,
            "meldingen": fmt.aantal,
            "adviezen": fmt.aantal,
            "monitoring": fmt.aantal,
            "fte_volgens_bron": fmt.fte,
            "fte_rekentool": fmt.fte,
            "verschil_fte": lambda x: fmt.fte(x, teken=True),
        },
        {
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "adviezen": "Adviezen",
            "monitoring": "Monitoring",
            "fte_volgens_bron": "Fte volgens bron",
            "fte_rekentool": "Fte rekentool",
            "verschil_fte": "Verschil",
        },
    )


# --- C: procesoptimalisatie --------------------------------------------------------------------------

HEFBOOM_UITLEG = {
    "direct_overdragen_pct": "deel van de overdrachten met ondersteuning dat direct wordt overgedragen",
    "monitoring_reductie_pct": "minder uren per monitoringcasus (hooguit drie evaluatiemomenten)",
    "echtscheiding_pct": "deel van de meldingen over echtscheiding dat naar RvdK of lokaal veld gaat",
    "politie_naar_jpt_realisatie_pct": "deel van de JPT-waardige politiemeldingen dat direct naar het JPT gaat",
    "politie_teruggelegd_realisatie_pct": "deel van de teruggelegde politiemeldingen dat niet meer binnenkomt",
    "stap2_extra_adviezen": "extra adviezen per jaar bij stap 2 van de meldcode",
    "stap2_voorkomen_pct": "kans dat zo'n advies een melding voorkomt",
}


def scenario_c_tekst(run: Run) -> Markdown:
    c = run.params.scenario_c
    w = tabellen(run)["waterval"]
    actief = {k: getattr(c, k) for k in HEFBOOM_UITLEG if getattr(c, k)}
    if not actief:
        intro = (
            "De impactanalyse beschrijft de hefbomen van procesoptimalisatie in woorden, maar noemt er geen getal bij. In "
            "deze run staan ze daarom alle op nul: C verandert dan niets aan de benodigde formatie. Een run met ingevulde "
            "hefbomen laat zien wat ze opleveren."
        )
    else:
        delen = [
            f"{HEFBOOM_UITLEG[k]}: {fmt.getal(v, 0 if float(v).is_integer() else 1)}{'%' if k.endswith('_pct') else ''}"
            for k, v in actief.items()
        ]
        intro = "In deze run zijn de volgende hefbomen ingevuld: " + "; ".join(delen) + "."
    zinnen = [intro]
    for jaar, groep in w.groupby("jaar"):
        basis, resultaat = groep.iloc[0], groep.iloc[-1]
        zinnen.append(
            f"In {int(jaar)} gaat de benodigde formatie van {fmt.fte(basis['fte_na'], eenheid=True)} naar "
            f"{fmt.fte(resultaat['fte_na'], eenheid=True)} bij {fmt.fte(resultaat['fte_beschikbaar'], eenheid=True)} beschikbaar: "
            f"{'een tekort van ' + fmt.fte(-resultaat['gap_na'], eenheid=True) if resultaat['gap_na'] < 0 else 'een ruimte van ' + fmt.fte(resultaat['gap_na'], eenheid=True)}."
        )
    if c.vanaf_jaar:
        zinnen.append(f"In de vergelijking van scenario's werkt C vanaf {c.vanaf_jaar}.")
    return Markdown("\n\n".join(zinnen))


def scenario_c_tabel(run: Run) -> Tabel:
    w = tabellen(run)["waterval"].copy()
    w["stap"] = w["stap"].map(fmt.zin)
    return tabel(
        w[["jaar", "stap", "delta_fte", "fte_na", "meldingen_na", "gap_na"]],
        "Scenario C: effect van elke hefboom op de benodigde formatie",
        {
            "jaar": str,
            "delta_fte": lambda x: fmt.fte(x, teken=True),
            "fte_na": fmt.fte,
            "meldingen_na": fmt.aantal,
            "gap_na": lambda x: fmt.fte(x, teken=True),
        },
        {
            "jaar": "Jaar",
            "stap": "Stap",
            "delta_fte": "Effect (fte)",
            "fte_na": "Benodigd na stap",
            "meldingen_na": "Meldingen",
            "gap_na": "Gap",
        },
    )


def waterval_figuur(run: Run, jaar: int | None = None) -> Figuur:
    w = tabellen(run)["waterval"]
    jaar = int(jaar if jaar is not None else w["jaar"].max())
    return figuur(
        waterval_chart(w, jaar),
        f"Scenario C in {jaar}: van de benodigde formatie zonder hefbomen, via elke hefboom, naar het resultaat; "
        "de stippellijn is de beschikbare formatie",
    )


# --- Vergelijking ------------------------------------------------------------------------------------


def vergelijking_tekst(run: Run) -> Markdown:
    v = tabellen(run)["vergelijking"]
    laatste = int(v["jaar"].max())
    eind = v[v["jaar"] == laatste]
    sluitend = eind[eind["gap"] >= -1e-9]
    goedkoopst = sluitend.sort_values("kosten_euro").iloc[0] if not sluitend.empty else None
    zinnen = [
        "De tabel zet de scenario's uit de parameters van deze run naast elkaar. Binnen een jaar werkt eerst C "
        "(procesoptimalisatie), dan B (meldingen begrensd op wat de formatie aankan) en ten slotte A (extra formatie "
        "voor het tekort dat overblijft)."
    ]
    tekort = eind[eind["gap"] < -1e-9]
    if not tekort.empty:
        zinnen.append(
            f"In {laatste} houden {len(tekort)} van de {len(eind)} scenario's een tekort, het grootste bij "
            f"*{tekort.sort_values('gap').iloc[0]['naam']}* ({fmt.fte(-tekort['gap'].min(), eenheid=True)})."
        )
    if goedkoopst is not None:
        zinnen.append(
            f"Sluitend in {laatste} zijn: "
            + ", ".join(f"*{n}*" for n in sluitend["naam"])
            + f". Daarvan kost *{goedkoopst['naam']}* het minst ({fmt.euro(goedkoopst['kosten_euro'])}), "
            f"met {fmt.aantal(goedkoopst['meldingen'], 'meldingen')}."
        )
    zinnen.append(
        "De kosten zijn alleen die van de extra formatie; indexatie, VOiT en Veiligheid Voorop staan bij scenario A."
    )
    return Markdown("\n\n".join(zinnen))


def vergelijking_tabel(run: Run) -> Tabel:
    v = tabellen(run)["vergelijking"]
    return tabel(
        v[["naam", "jaar", "meldingen", "fte_benodigd", "fte_beschikbaar", "gap", "kosten_euro"]],
        "Vergelijking van de scenario's per jaar",
        {
            "jaar": str,
            "meldingen": fmt.aantal,
            "fte_benodigd": fmt.fte,
            "fte_beschikbaar": fmt.fte,
            "gap": lambda x: fmt.fte(x, teken=True),
            "kosten_euro": fmt.euro,
        },
        {
            "naam": "Scenario",
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "fte_benodigd": "Fte benodigd",
            "fte_beschikbaar": "Fte beschikbaar",
            "gap": "Gap",
            "kosten_euro": "Extra kosten",
        },
    )


def vergelijking_figuur(run: Run) -> Figuur:
    return figuur(
        vergelijking_chart(tabellen(run)["vergelijking"]), "Gap per scenario en jaar (fte; negatief is een tekort)"
    )


def gevoeligheid_tekst(run: Run) -> Markdown:
    g = tabellen(run)["gevoeligheid"]
    top = g.iloc[0]
    tekst = (
        f"Hoe gevoelig is de gap voor de invoer? Elke invoer is {fmt.procent(top['variatie_pct'])} lager en hoger gezet, voor "
        f"scenario *{top['scenario']}* in {int(top['jaar'])} (gap {fmt.fte(top['gap_basis'], teken=True)} fte, vóór A en B). "
        f"De grootste invloed heeft *{top['invoer'].replace('_', ' ')}*: de gap ligt dan tussen "
        f"{fmt.fte(min(top['gap_laag'], top['gap_hoog']), teken=True)} en {fmt.fte(max(top['gap_laag'], top['gap_hoog']), teken=True)} fte."
    )
    zonder = g.loc[g["bereik"] == 0, "invoer"].tolist()
    if zonder:
        tekst += f" Zonder invloed (niet in de grafiek): {', '.join(z.replace('_', ' ') for z in zonder)}."
    if "meldingen" in zonder:
        tekst += (
            " Het aantal meldingen zelf telt in de rekentool niet mee, omdat de triagenorm met het aantal overdragen "
            "meldingen rekent."
        )
    if any(z in run.params.scenario_c.model_fields for z in zonder):
        tekst += " Een hefboom die op nul staat, verandert ook bij een procentuele variatie niets."
    return Markdown(tekst)


def gevoeligheid_figuur(run: Run) -> Figuur:
    g = tabellen(run)["gevoeligheid"]
    g = g[g["bereik"] > 0].copy()
    g["invoer"] = (
        g["soort"]
        .map({"telling": "aantal", "normuren": "normuren", "uren_per_fte": "", "hefboom": "hefboom"})
        .str.cat(g["invoer"].str.replace("_", " "), sep=" ")
        .str.strip()
    )
    return figuur(
        tornado_chart(g),
        f"Gevoeligheid: effect op de gap van elke invoer bij ±{fmt.procent(g['variatie_pct'].iloc[0])}",
    )
