"""The results of a run, computed once: what ``results.json`` holds and every chapter shows.

:func:`bereken_resultaten` is the one place where a validated run becomes numbers: the rekentool
(Bijlage 2), the prognose, scenarios A/B/C with their comparison and tornado, and the queue model
(calibrated once, projected for the compared scenarios). ``render`` writes the result to
``results.json``; the chapter notebooks read that file back (:meth:`Resultaten.laad`), so the
report's figures are those of ``results.json`` by construction.

Frames hold ids and unrounded numbers, never Dutch text; the report modules in
``vt_analysis/hoofdstukken/`` name and format them. JSON is strict (no NaN: a missing number is
``null``) and keeps the keys of the CLI contract; ``kolommen`` keeps every frame's column order so
that an empty frame reads back with its columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vt_analysis.basis import strikt_json, taken
from vt_analysis.basis.strikt_json import schoon
from vt_analysis.invoer.data import Kengetallen, Normen
from vt_analysis.invoer.periode import periode_rij
from vt_analysis.invoer.risicos import RISICOS_FILE, vul_omvang
from vt_analysis.invoer.run import Run
from vt_analysis.invoer.verdeling import a_bedragen, verdeling
from vt_analysis.model.kerncijfers import kerncijfers, risico_kerncijfers, tekorten
from vt_analysis.model.prognose import bereken_prognose, mix
from vt_analysis.model.rekentool import bereken_formatie
from vt_analysis.model.scenarios import controleer_claims, gevoeligheid, scenario_a, scenario_b, vergelijking, waterval
from vt_analysis.model.verzoening import verzoening
from vt_analysis.model.wachttijden import geen_jaren, geen_projectie, verzuim_scenario_pct, wachttijden_van_run
from vt_analysis.model.wachttijden.omvang import controleer_omvang
from vt_analysis.model.wachttijden.simulatie import voorbereid
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256, omgeving_sha256, standaard_map

# The frames of a run, with the key each has in results.json.
FRAMES = {
    "perioden": "perioden",
    "prognose": "prognose",
    "scenario_a": "scenario_a",
    "scenario_b": "scenario_b",
    "claims": "claims",
    "waterval": "waterval",
    "vergelijking": "scenarios",
    "gevoeligheid": "gevoeligheid",
    "wachttijden": "wachttijden",
    "wachttijd_varianten": "wachttijd_varianten",
    "wachttijden_jaren": "wachttijden_jaren",
    "tekorten": "tekorten",
    "risicos": "risicos",
    "verdeling": "verdeling",
}


@dataclass(frozen=True, eq=False)
class Resultaten:
    """Every computed table of one run (pandas frames of ids and numbers) plus the inputs chapters cite."""

    run: str
    peilmoment: str
    besluit_periode: str
    normset: str
    normset_vergelijking: str | None
    # Bijlage 2 per period of volumes.csv: counts, fte_<normset>, fte_beschikbaar, gap_<normset>, bron,
    # and kosten_tekort_<normset>_euro (the shortage × kosten_per_fte_euro).
    perioden: pd.DataFrame
    # Per variant and year: the six counts and fte_<normset> (with the trend's band).
    prognose: pd.DataFrame
    scenario_a: pd.DataFrame
    scenario_b: pd.DataFrame
    claims: pd.DataFrame
    # Per year: step id (basis, the ids of scenarios.STAPPEN, resultaat), delta and fte after the step.
    waterval: pd.DataFrame
    # Per named scenario and year: fte benodigd / beschikbaar, gap, kosten, counts after C and B.
    vergelijking: pd.DataFrame
    gevoeligheid: pd.DataFrame
    # Per queue scenario and month: legal-term percentages, backlog, p90 wait (with bands).
    wachttijden: pd.DataFrame
    # The queue scenarios that vary a compared scenario: scenario, basis_scenario, verzuim_pct.
    wachttijd_varianten: pd.DataFrame
    # Per queue scenario and year: the annual indicator per term with its interval, and per compared scenario
    # the balance and the norm formation per queue with theirs (wachttijden/formatie.py).
    wachttijden_jaren: pd.DataFrame
    kalibratie: dict
    # The key figures (kerncijfers.py), computed once: per prognosis variant and year the shortage
    # (tekort_fte, positive when short), its euro, the coverage; and the named scalars the text cites.
    tekorten: pd.DataFrame
    kerncijfers: dict
    # The rekentool and the queue model reconciled (verzoening.py): (a), (b), (c) per year, the hours per case.
    verzoening: dict
    # The risks of data/risicos.yaml with their size filled in from the key figures (risicos.py), and A's
    # amount per financier or gemeente when data/verdeelsleutel.yaml gives the key (verdeling.py; else empty).
    risicos: pd.DataFrame
    verdeling: pd.DataFrame
    normen: Normen
    kengetallen: Kengetallen
    bestanden: list[str]

    # --- JSON ------------------------------------------------------------------------------------------

    def naar_dict(self) -> dict:
        """The JSON-ready results (strict: NaN becomes None); keys as in the CLI contract."""
        uit: dict = {
            "run": self.run,
            "peilmoment": self.peilmoment,
            "besluit_periode": self.besluit_periode,
            "normset": self.normset,
            "normset_vergelijking": self.normset_vergelijking,
        }
        for veld, sleutel in FRAMES.items():
            uit[sleutel] = _records(getattr(self, veld))
        uit["kalibratie"] = schoon(self.kalibratie)
        uit["kerncijfers"] = schoon(self.kerncijfers)
        uit["verzoening"] = schoon(self.verzoening)
        uit["normen"] = self.normen.model_dump(mode="json")
        uit["kengetallen"] = self.kengetallen.model_dump(mode="json")
        uit["bestanden"] = list(self.bestanden)
        uit["kolommen"] = {sleutel: [str(k) for k in getattr(self, veld).columns] for veld, sleutel in FRAMES.items()}
        return uit

    def naar_json(self) -> str:
        return strikt_json.tekst(self.naar_dict())

    def schrijf(self, pad: Path | str) -> Path:
        pad = Path(pad)
        pad.write_text(self.naar_json(), encoding="utf-8")
        return pad

    @classmethod
    def van_dict(cls, inhoud: dict) -> Resultaten:
        """Read back what :meth:`naar_dict` wrote (frames with their columns, numbers as numbers)."""
        kolommen = inhoud["kolommen"]
        frames = {veld: _frame(inhoud[sleutel], kolommen[sleutel]) for veld, sleutel in FRAMES.items()}
        return cls(
            run=inhoud["run"],
            peilmoment=inhoud["peilmoment"],
            besluit_periode=inhoud["besluit_periode"],
            normset=inhoud["normset"],
            normset_vergelijking=inhoud["normset_vergelijking"],
            kalibratie=dict(inhoud["kalibratie"]),
            kerncijfers=dict(inhoud["kerncijfers"]),
            verzoening=dict(inhoud["verzoening"]),
            normen=Normen.model_validate(inhoud["normen"]),
            kengetallen=Kengetallen.model_validate(inhoud["kengetallen"]),
            bestanden=list(inhoud["bestanden"]),
            **frames,
        )

    @classmethod
    def laad(cls, pad: Path | str) -> Resultaten:
        return cls.van_dict(json.loads(Path(pad).read_text(encoding="utf-8")))

    # --- small lookups the chapters share ------------------------------------------------------------

    @property
    def normsets(self) -> list[str]:
        """The applied normset first, then the one shown beside it."""
        return [self.normset] + ([self.normset_vergelijking] if self.normset_vergelijking else [])

    def periode(self, naam: str) -> pd.Series:
        """The Bijlage 2 row of one period."""
        return periode_rij(self.perioden, naam)


def _records(df: pd.DataFrame) -> list[dict]:
    return [schoon(rij) for rij in df.to_dict(orient="records")]


def _is_getal(waarde: object) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _frame(records: list[dict], kolommen: list[str]) -> pd.DataFrame:
    """Records back to a frame: a column of numbers (None as NaN) becomes numeric again."""
    df = pd.DataFrame.from_records(records, columns=kolommen)
    for k in kolommen:
        if df[k].dtype != object:
            continue
        waarden = [w for w in df[k].tolist() if w is not None]
        if all(_is_getal(w) for w in waarden) and len(df):
            df[k] = pd.to_numeric(df[k]).astype(float) if len(waarden) < len(df) else pd.to_numeric(df[k])
    return df


# --- the one computation, and its cache -------------------------------------------------------------------------------


def _wachttijd_varianten(tabel: pd.DataFrame, vergelijking_: pd.DataFrame, verzuim_pct: float) -> pd.DataFrame:
    """The queue scenarios beyond the compared ones: the first compared scenario with the verzuim variant."""
    vergeleken = list(dict.fromkeys(vergelijking_["naam"]))
    extra = [n for n in dict.fromkeys(tabel["scenario"]) if n not in vergeleken] if len(tabel) else []
    return pd.DataFrame(
        {"scenario": extra, "basis_scenario": [vergeleken[0]] * len(extra), "verzuim_pct": [verzuim_pct] * len(extra)},
        columns=["scenario", "basis_scenario", "verzuim_pct"],
    )


def bereken_resultaten(run: Run, wachtrijmodel: bool = True) -> Resultaten:
    """Everything a run computes, once: rekentool, prognose, A/B/C, comparison, tornado, queue model.

    ``wachtrijmodel=False`` leaves the queue model out (no calibration, no projection: empty tables): for a
    previous run whose rekentool figures are compared, the part of the computation that takes seconds.
    """
    if wachtrijmodel:  # the compiled steps load on the other thread meanwhile
        taken.begin(voorbereid)
    p, d = run.params, run.data
    normset = d.normen.normsets[p.normset]
    kg = d.kengetallen
    perioden = bereken_formatie(d.volumes, d.normen)
    for n in d.normen.normsets:  # what a shortage costs a year at kosten_per_fte (0 when there is room)
        perioden[f"kosten_tekort_{n}_euro"] = (-perioden[f"gap_{n}"]).clip(lower=0) * kg.kosten_per_fte_euro.waarde
    prognose = bereken_prognose(p.prognose, d, p.besluit_periode, p.peilmoment)
    basis_mix = mix(d.volumes, p.prognose.basis_periode or p.peilmoment)
    werving = p.wachttijden.wervingsduur_maanden
    verg = vergelijking(p.vergelijking, p.scenario_a, p.scenario_b, p.scenario_c, prognose, normset, kg, werving)
    # what needs no queue model first: it runs while the other thread loads the compiled steps
    basisjaar = int(perioden.set_index("periode").loc[p.peilmoment, "jaar"])
    a = scenario_a(p.scenario_a, prognose, normset, kg, werving)
    b = scenario_b(p.scenario_b, prognose, normset, kg)
    tekort = tekorten(prognose, kg, p.normset)
    verzuim_stress = verzuim_scenario_pct(kg, basisjaar, p.wachttijden)
    kern = kerncijfers(p, perioden, tekort, a, kg)
    kern |= risico_kerncijfers(kg, tekort, p.leidende_prognose, basisjaar, verzuim_stress)
    claims = controleer_claims(d.claims, basis_mix, d.normen, p.normset)
    c = waterval(p.scenario_c, prognose, p.vergelijking.prognose_variant, normset, kg)
    gevoelig = gevoeligheid(p.vergelijking, p.scenario_c, prognose, normset, kg)
    risicos = vul_omvang(run.risicos, kern, d.directory / RISICOS_FILE)
    verdeeld = verdeling(run.verdeelsleutel, a_bedragen(kern, p.scenario_a.overbrugging_jaren))
    if wachtrijmodel:
        controleer_omvang(run, verg)  # memory grows with replications × cases: refused before, not a MemoryError
        kal, tabel, jaren = wachttijden_van_run(run, verg)
        kalibratie = kal.record()
    else:
        kalibratie, tabel, jaren = {}, geen_projectie(), geen_jaren()
    return Resultaten(
        run=p.run_naam,
        peilmoment=p.peilmoment,
        besluit_periode=p.besluit_periode,
        normset=p.normset,
        normset_vergelijking=p.normset_vergelijking,
        perioden=perioden,
        prognose=prognose,
        scenario_a=a,
        scenario_b=b,
        claims=claims,
        waterval=c,
        vergelijking=verg,
        gevoeligheid=gevoelig,
        wachttijden=tabel.reset_index(drop=True),
        wachttijden_jaren=jaren.reset_index(drop=True),
        wachttijd_varianten=_wachttijd_varianten(tabel, verg, verzuim_stress),
        kalibratie=kalibratie,
        tekorten=tekort,
        kerncijfers=kern,
        verzoening=verzoening(verg, tekort, jaren, kalibratie, normset, p.leidende_prognose),
        risicos=risicos,
        verdeling=verdeeld,
        normen=d.normen,
        kengetallen=kg,
        bestanden=[pad.name for pad in d.bestanden()],
    )


def _cache_pad(run: Run, cache_map: Path | None) -> Path:
    """The results cache entry of a run: the SHA-256 of the params, the data files, the package source and
    the lock file, so a cached result is the one :func:`bereken_resultaten` would give now (it is deterministic)."""
    cache_map = Path(cache_map) if cache_map is not None else standaard_map()
    params = json.dumps(run.params.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return cache_map / "resultaten" / f"{invoer_sha256(omgeving_sha256(), params, bestanden=run.data.bestanden())}.json"


def resultaten_uit_cache(run: Run, cache_map: Path | None = None) -> Resultaten | None:
    """The run's results from the per-user results cache; None when they must be computed."""
    opgeslagen = privecache.lees(_cache_pad(run, cache_map))  # verified; None when missing, altered or not ours
    if opgeslagen is not None:
        try:
            return Resultaten.van_dict(json.loads(opgeslagen))
        except (ValueError, KeyError, TypeError):
            pass  # an entry of an older layout is computed again
    return None


def resultaten_met_cache(run: Run, cache_map: Path | None = None) -> tuple[Resultaten, bool]:
    """The run's results from the per-user results cache, or computed (and stored); True when cached."""
    resultaten = resultaten_uit_cache(run, cache_map)
    if resultaten is not None:
        return resultaten, True
    resultaten = bereken_resultaten(run)
    pad = _cache_pad(run, cache_map)
    pad.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    privecache.schrijf(pad, resultaten.naar_json().encode("utf-8"))
    return resultaten, False
