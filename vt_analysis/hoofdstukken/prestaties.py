"""Prestatie-indicatoren, verzuim and the Crisisinterventieteam: the tables and the chart of those chapters.

Source: impactanalyse 2024, 'Beleidsindicatoren' (the indicator tables as submitted with the begroting 2025)
and 'De oplossingsruimte is beperkt' (verzuim against its norm). Every cell comes from ``data/``: the counts
from the period of the formation request in ``volumes.csv``, the rest from ``kengetallen.yaml``.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, verzuim_chart
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.data import Kengetallen
from vt_analysis.model.kerncijfers import verzuim_reeks

PROCENT = kf.procent(1, heel_zonder=True)  # as kengetallen.yaml writes it: 95%, 8,5%


def _pct(waarde: float) -> str:
    return PROCENT.tekst(waarde)


def indicatoren_frame(kg: Kengetallen, aanvraag: pd.Series, peil: pd.Series) -> pd.DataFrame:
    """The Veilig Thuis indicators: norm, the value submitted with the begroting, the value at the peilmoment.

    ``aanvraag`` and ``peil`` are rows of volumes.csv named by their period (the request's period and the
    peilmoment). The legal
    terms were submitted as 'conform norm'; their realisation comes from the kengetallen.
    """
    rijen = [
        ("Meldingen per jaar", "", aanvraag["meldingen"], peil["meldingen"]),
        (
            "Triage binnen de termijn",
            f"ten minste {_pct(kg.triage_binnen_5_werkdagen_norm_pct.waarde)}",
            "conform norm",
            kf.Cel(kg.triage_binnen_5_werkdagen_realisatie_pct.waarde, PROCENT),
        ),
        (
            "Onderzoek binnen de termijn afgerond",
            f"ten minste {_pct(kg.onderzoek_binnen_10_weken_norm_pct.waarde)}",
            "conform norm",
            kf.Cel(kg.onderzoek_binnen_10_weken_realisatie_pct.waarde, PROCENT),
        ),
        ("Direct overgedragen meldingen", "", aanvraag["overdragen"], peil["overdragen"]),
        ("Overdracht met ondersteuning", "", aanvraag["overdracht_ondersteuning"], peil["overdracht_ondersteuning"]),
        ("Onderzoeken", "", aanvraag["onderzoek"], peil["onderzoek"]),
        ("Adviesvragen", "", aanvraag["adviezen"], peil["adviezen"]),
        (
            "Klanttevredenheid (cijfer 1 tot 10)",
            "",
            kf.Cel(kg.klanttevredenheid_cijfer.waarde, kf.getal(1)),
            "niet bekend",
        ),
    ]
    return pd.DataFrame(rijen, columns=["indicator", "norm", "begroting", "peil"])


def indicatoren_tabel(kg: Kengetallen, aanvraag: pd.Series, peil: pd.Series) -> Tabel:
    df = indicatoren_frame(kg, aanvraag, peil)
    return tabel(
        df,
        "Prestatie-indicatoren Veilig Thuis: ingediend bij de begroting en de stand bij het peilmoment",
        {"begroting": kf.AANTAL, "peil": kf.AANTAL},  # counts, and a percentage or a grade in its own format
        {
            "indicator": "Indicator",
            "norm": "Norm",
            "begroting": str(aanvraag.name),
            "peil": str(peil.name),
        },
    )


def cit_frame(kg: Kengetallen) -> pd.DataFrame:
    """The indicators of the Crisisinterventieteam for the begroting 2025."""
    rijen = [
        (
            "Crisisinterventies, alle leeftijden",
            f"{fmt.aantal(kg.crisisinterventies_min.waarde)} tot {fmt.aantal(kg.crisisinterventies_max.waarde)}",
        ),
        ("Bijdrage aan een huisverbod buiten kantooruren", kg.huisverbod_buiten_kantooruren.waarde),
        ("Hoorfunctie Wet verplichte ggz", kg.hoorfunctie_wvggz.waarde),
        (
            f"Zaken binnen {fmt.aantal(kg.crisis_overdracht_termijn_uur.waarde)} uur overgedragen aan het lokale team",
            kf.Cel(kg.crisis_overdracht_binnen_48_uur_pct.waarde, PROCENT),
        ),
    ]
    return pd.DataFrame(rijen, columns=["indicator", "begroting"])


def cit_tabel(kg: Kengetallen, aanvraag: pd.Series) -> Tabel:
    return tabel(
        cit_frame(kg),
        f"Prestatie-indicatoren Crisisinterventieteam ({aanvraag.name})",
        {"begroting": kf.AANTAL},
        {"indicator": "Indicator", "begroting": "Afspraak per jaar"},
    )


def verzuim_figuur(kg: Kengetallen) -> Figuur:
    reeks = verzuim_reeks(kg)
    eerste, laatste = reeks["jaar"].iloc[0], reeks["jaar"].iloc[-1]
    return figuur(
        verzuim_chart(reeks, kg.verzuim_norm_pct.waarde),
        f"Ziekteverzuim Veilig Thuis {eerste}–{laatste} tegen de norm van {_pct(kg.verzuim_norm_pct.waarde)}",
    )
