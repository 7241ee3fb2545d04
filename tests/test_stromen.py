"""The random numbers of the queue model's classes (:mod:`vt_analysis.model.wachttijden.stromen`): a draw of
fewer rows is the first rows of a draw of more, and drawing on continues where the last draw stopped; so the
kept draws serve horizons of every size with the numbers a fresh draw gives."""

from __future__ import annotations

import numpy as np
import pytest

from vt_analysis.model.wachttijden import stromen


@pytest.mark.parametrize(("replicaties", "cv"), [(100, 0.5), (3, 0.25), (250, 0.75)])
def test_minder_rijen_zijn_de_eerste_rijen_van_meer(replicaties, cv):
    veel = stromen._trek(900, replicaties, cv, 11, 2, 1)
    weinig = stromen._trek(317, replicaties, cv, 11, 2, 1)
    np.testing.assert_array_equal(weinig.som, veel.som[:317])
    np.testing.assert_array_equal(weinig.werk, veel.werk[:317])


def test_doortrekken_geeft_wat_een_verse_trekking_geeft():
    """Growing a kept draw step by step (and asking for fewer rows in between) gives the fresh draw's numbers."""
    vers = stromen._trek(1200, 40, 0.5, 5, 0, 1)
    trekking = stromen._Trekking(40, 0.5, 5, 0, 1)
    for n in (1, 2, 300, 299, 301, 1200):
        deel = trekking.tot(n)
        np.testing.assert_array_equal(deel.som, vers.som[:n])
        np.testing.assert_array_equal(deel.werk, vers.werk[:n])
    assert np.all(np.diff(vers.som, axis=0) > 0)  # arrivals of a unit-rate stream rise


def test_bewaarde_trekkingen_per_sleutel():
    """Another key (spread, purpose, class, replications) is another draw of work; the same key the same numbers."""
    stromen.vergeet_trekkingen()
    a = stromen.trek_bron(500.0, 30, 0.5, 9, 0, 1)
    b = stromen.trek_bron(800.0, 30, 0.5, 9, 0, 1)
    np.testing.assert_array_equal(a.som, b.som[: a.som.shape[0]])
    for ander in ((30, 0.75, 9, 0, 1), (30, 0.5, 9, 2, 1), (30, 0.5, 9, 0, 2), (31, 0.5, 9, 0, 1)):
        c = stromen.trek_bron(500.0, *ander)
        assert not np.array_equal(c.werk[:, :30], a.werk)
    np.testing.assert_array_equal(stromen.trek_bron(500.0, 30, 0.5, 9, 0, 1).werk, a.werk)
