"""Chapter 08, Wettelijke termijnen: the queue model, its calibration and the projection per scenario."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import formatting as fmt
from ..charts import Figuur, figuur, waaier_chart
from ..resultaten import Resultaten
from ..tables import Tabel, tabel
from ..wachttijden import ONDERZOEK_TERMIJN_WERKDAGEN, TRIAGE_TERMIJN_WERKDAGEN, WachttijdenParams, normmomenten


def _maand(tekst: str | None) -> str:
    """'2025-04' as 'april 2025'; no month (None or NaN in a frame) means the norm is not reached."""
    if not isinstance(tekst, str) or not tekst:
        return "niet binnen de horizon"
    jaar, maand = tekst.split("-")
    return fmt.datum(pd.Timestamp(int(jaar), int(maand), 1)).split(" ", 1)[1]


def model_tekst(r: Resultaten, w: WachttijdenParams) -> Markdown:
    kal = r.kalibratie
    return Markdown(
        "Het model volgt elke werkdag de meldingen die binnenkomen en wat de formatie daarvan kan afhandelen. "
        "Meldingen komen "
        f"willekeurig binnen rond het jaarvolume ({fmt.aantal(w.werkdagen_per_jaar)} werkdagen per jaar); ze worden "
        "op volgorde "
        "van binnenkomst getrieerd. Een deel van de meldingen (het aantal onderzoeken gedeeld door het aantal "
        "meldingen) gaat "
        "daarna in een tweede rij voor onderzoek. De capaciteit per dag volgt uit de beschikbare fte, de productieve "
        "uren per "
        "fte en het verzuim. Advies, overdracht met ondersteuning en monitoring krijgen eerst hun normuren; wat "
        "overblijft gaat "
        f"naar triage en onderzoek "
        + ("naar rato van hun normuren." if w.capaciteitsverdeling == "naar_rato" else "met voorrang voor onderzoek.")
        + f" Een melding is op tijd als ze binnen {TRIAGE_TERMIJN_WERKDAGEN} werkdagen is getrieerd, een "
        f"onderzoek als het binnen {ONDERZOEK_TERMIJN_WERKDAGEN // 5} weken ({ONDERZOEK_TERMIJN_WERKDAGEN} werkdagen) "
        "na het triagebesluit is afgerond. "
        f"Elke projectie is {fmt.aantal(kal['replicaties'])} keer herhaald (startwaarde {kal['seed']}); de banden "
        "tonen de middelste 90%."
    )


def kalibratie_tekst(r: Resultaten) -> Markdown:
    kal = r.kalibratie
    return Markdown(
        "**Kalibratie.** De normuren alleen verklaren de gemeten termijnen niet. Daarom is per rij één factor "
        "geschat, de "
        f"effectieve capaciteit per normuur, zodat het model in {kal['basisperiode']} "
        f"({fmt.fte(kal['fte_beschikbaar'], eenheid=True)}, "
        f"verzuim {fmt.procent(kal['verzuim_pct'])}) de realisatie van BURAP II nabootst: triage "
        f"{fmt.getal(kal['factor_triage'], 3)} (model {fmt.procent(kal['pct_triage_binnen_5_werkdagen'], 1)}, gemeten "
        f"{fmt.procent(kal['doel_triage_pct'])}) en onderzoek {fmt.getal(kal['factor_onderzoek'], 3)} (model "
        f"{fmt.procent(kal['pct_onderzoek_binnen_10_weken'], 1)}, gemeten {fmt.procent(kal['doel_onderzoek_pct'])}). "
        "De wachtrij aan het "
        f"eind van dat jaar is het startpunt van elke projectie."
    )


def samenvatting_tabel(r: Resultaten) -> Tabel:
    """Per scenario: the share within each term in the last month of each year, backlog and p90 wait at the end."""
    tabel_ = r.wachttijden
    norm = normmomenten(tabel_, r.kengetallen).set_index("scenario")
    jaren = sorted({m[:4] for m in tabel_["maand"]})
    rijen = []
    for naam, groep in tabel_.groupby("scenario", sort=False):
        rij = {"scenario": naam}
        for j in jaren:
            dec = groep[groep["maand"].str.startswith(j)].iloc[-1]
            rij[f"triage_{j}"] = dec["pct_triage_binnen_5_werkdagen"]
            rij[f"onderzoek_{j}"] = dec["pct_onderzoek_binnen_10_weken"]
        laatste = groep.iloc[-1]
        rij["backlog"] = laatste["backlog_mediaan"]
        rij["p90"] = laatste["wacht_p90_werkdagen"]
        rij["norm_triage"] = _maand(norm.loc[naam, "triage_vanaf"])
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    formats = {k: fmt.procent for k in df.columns if k.startswith(("triage_", "onderzoek_"))}
    formats |= {"backlog": fmt.aantal, "p90": fmt.aantal}
    koppen = {
        "scenario": "Scenario",
        "backlog": "Wachtrij triage eind",
        "p90": "P90 wachttijd (werkdagen)",
        "norm_triage": "Triagenorm gehaald vanaf",
    }
    koppen |= {f"triage_{j}": f"Triage ≤ 5 wd, dec. {j}" for j in jaren} | {
        f"onderzoek_{j}": f"Onderzoek ≤ 10 wk, dec. {j}" for j in jaren
    }
    return tabel(df, "Wettelijke termijnen per scenario (mediaan over de replicaties)", formats, koppen)


def projectie_tekst(r: Resultaten) -> Markdown:
    kal, tabel_ = r.kalibratie, r.wachttijden
    kg = r.kengetallen
    norm = normmomenten(tabel_, kg)
    laatste = tabel_.groupby("scenario", sort=False).tail(1).set_index("scenario")
    gehaald = norm[norm["triage_vanaf"].notna()]
    zinnen = []
    if gehaald.empty:
        zinnen.append(
            f"In geen van de scenario's haalt VT binnen de horizon duurzaam de triagenorm van "
            f"{fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)}."
        )
    else:
        zinnen.append(
            "De triagenorm van "
            + fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)
            + " wordt duurzaam gehaald in: "
            + "; ".join(f"*{r.scenario}* vanaf {_maand(r.triage_vanaf)}" for r in gehaald.itertuples())
            + "."
        )
    mis = norm[norm["triage_vanaf"].isna()]["scenario"].tolist()
    if mis:
        zinnen.append(
            "Niet gehaald wordt hij in "
            + ", ".join(f"*{n}*" for n in mis)
            + "; daar loopt de wachtrij op tot "
            + ", ".join(f"{fmt.aantal(laatste.loc[n, 'backlog_mediaan'])} ({n})" for n in mis)
            + " meldingen aan het eind van de horizon."
        )
    o = norm[norm["onderzoek_vanaf"].notna()]
    zinnen.append(
        (
            f"De onderzoeksnorm van {fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)} wordt in geen "
            "scenario gehaald: "
            f"de rij onderzoeken die eind {kal['basisjaar']} al wacht, slinkt ook met extra formatie maar langzaam."
        )
        if o.empty
        else (
            "De onderzoeksnorm wordt gehaald in "
            + "; ".join(f"*{r.scenario}* vanaf {_maand(r.onderzoek_vanaf)}" for r in o.itertuples())
            + "."
        )
    )
    for v in r.wachttijd_varianten.itertuples():
        n, basis = v.scenario, v.basis_scenario
        zinnen.append(
            f"Stijgt het verzuim weer ({fmt.procent(v.verzuim_pct, 0 if float(v.verzuim_pct).is_integer() else 1)}), "
            f"dan groeit in *{basis}* de triagewachtrij tot {fmt.aantal(laatste.loc[n, 'backlog_mediaan'])} in plaats "
            f"van {fmt.aantal(laatste.loc[basis, 'backlog_mediaan'])} meldingen."
        )
    zinnen.append(
        "*Beperkingen.* Het model werkt strikt op volgorde van binnenkomst, zonder spoedzaken die voorgaan. Zodra de "
        "wachtrij "
        "groter is dan vijf werkdagen capaciteit, is daardoor geen enkele melding van die maand nog op tijd: een "
        "maand springt van "
        "100% naar 0%. De echte percentages liggen daar tussenin; de richting en het moment van omslaan zijn de "
        "boodschap, niet "
        "het exacte percentage. De geschatte factoren hangen af van de aangenomen wachtrij aan het begin van het "
        "basisjaar "
        "(in deze analyse een lege wachtrij op 1 januari, tenzij de uitgangspunten anders zeggen). "
        "Hefbomen van C die uren per casus veranderen, werken alleen via de aantallen "
        "door in dit model."
    )
    return Markdown("\n\n".join(zinnen))


def triage_figuur(r: Resultaten) -> Figuur:
    kg = r.kengetallen
    tabel_ = r.wachttijden
    return figuur(
        waaier_chart(
            tabel_,
            "pct_triage_binnen_5_werkdagen",
            "% binnen 5 werkdagen",
            fmt.procent,
            norm=kg.triage_binnen_5_werkdagen_norm_pct.waarde,
        ),
        "Aandeel meldingen binnen 5 werkdagen getrieerd per maand en scenario (mediaan en 90%-band; stippellijn: norm)",
    )


def backlog_figuur(r: Resultaten) -> Figuur:
    tabel_ = r.wachttijden
    # The month table names the median 'backlog_mediaan' and its band 'backlog_p5' / 'backlog_p95'.
    return figuur(
        waaier_chart(
            tabel_.rename(columns={"backlog_mediaan": "backlog"}), "backlog", "Meldingen in de rij", fmt.aantal
        ),
        "Wachtrij voor triage aan het eind van elke maand per scenario (mediaan en 90%-band)",
    )
