"""The queue chapter's run-in sentence says where the start queue comes from, also for a peilmoment inside a
prognosis year (BURAP 1 2025): the scenarios then begin in January of the base year itself, and "the queue
the model has left at the end of that year" would be wrong."""

from __future__ import annotations

from dataclasses import replace

from vt_analysis.hoofdstukken.wachttijden import projectie_tekst


def _zin(r) -> str:
    return next(z for z in str(projectie_tekst(r).data).split("\n\n") if z.startswith("Alle scenario's beginnen"))


def _eerste_jaar(r) -> int:
    return int(str(r.wachttijden["maand"].min())[:4])


def test_peilmoment_voor_de_prognosejaren(standaard_resultaten):
    r = standaard_resultaten
    assert _eerste_jaar(r) > r.kalibratie["basisjaar"]
    assert f"met de wachtrij die het model eind {r.kalibratie['basisjaar']} overhoudt: ongeveer" in _zin(r)


def test_peilmoment_in_een_prognosejaar(standaard_resultaten):
    r = standaard_resultaten
    jaar = _eerste_jaar(r)
    binnen = replace(r, kalibratie={**r.kalibratie, "basisjaar": jaar})  # the peilmoment's year is the first one
    zin = _zin(binnen)
    assert f"eind {jaar}" not in zin
    assert f"overhoudt na een jaar op de aantallen van het peilmoment ({r.peilmoment}): ongeveer" in zin


def test_een_tekortscenario_dat_de_norm_haalt_noemt_het_evenwicht_per_wachtrij(standaard_resultaten):
    """The reason a scenario short by the rekentool still meets a norm names the balance of each queue, the
    figures of the formation table and of the summary's (b): one joint figure (64,20 fte for A in 2026) matched
    neither queue, and at it the onderzoek queue would grow."""
    from vt_analysis.basis import formatting as fmt

    r = standaard_resultaten
    j = r.wachttijden_jaren.set_index(["scenario", "jaar"])
    zinnen = [z for z in str(projectie_tekst(r).data).split("\n\n") if " haalt in het model " in z]
    assert zinnen
    for zin in zinnen:
        naam = zin.split("*")[1]
        jaar = int(zin.split("in evenwicht bij")[0].rsplit(" in ", 1)[1].split()[0])
        rij = j.loc[(naam, jaar)]
        assert (
            f"in evenwicht bij {fmt.fte(rij['fte_evenwicht_triage'], eenheid=True)} (triage) en "
            f"{fmt.fte(rij['fte_evenwicht_onderzoek'], eenheid=True)} (onderzoek)"
        ) in zin, zin


def test_formatietabel_bijschrift_zonder_dubbele_haakjes_en_streepje_alleen_als_er_een_staat(standaard_resultaten):
    """The caption of the formation table reads as Dutch ('(6 maanden werving) (met het 80%-interval)' had two
    brackets in a row) and explains the dash only when a cell of the table shows one."""
    from vt_analysis.hoofdstukken.wachttijden import formatie_tabel

    t = formatie_tabel(standaard_resultaten)
    assert ") (" not in t.bijschrift and "Tussen haakjes het 80%-interval" in t.bijschrift, t.bijschrift
    assert ("streepje" in t.bijschrift) == any("–" == cel.strip() for rij in t.rijen for cel in rij), t.bijschrift
