"""Event confidence: a logistic model of "an expert would use this event", its reliability
table, and the shipped weights."""

import json

from click.testing import CliRunner

from khronika.cli.main import main
from khronika.events import calibrate
from khronika.events.calibrate import Calibration, fit, format_reliability, reliability


def test_calibrate_fit_learns_what_separates_usable_events():
    named, unnamed = {"actor": 1.0, "prior": 0.8}, {"actor": 0.0, "prior": 0.8}
    rows = ([(named, True)] * 30 + [(named, False)] * 10
            + [(unnamed, False)] * 30 + [(unnamed, True)] * 3)
    model = fit(rows, l2=1.0)  # little shrinkage on a clean signal
    p_named, p_unnamed = model.probability(named), model.probability(unnamed)
    assert p_named > 0.6 and p_unnamed < 0.25
    assert abs(p_named - 0.75) < 0.1  # calibrated: 30 of the 40 named were usable
    shrunk = fit(rows)  # the default penalty pulls towards the mean, keeps the order
    assert p_unnamed < shrunk.probability(unnamed) < shrunk.probability(named) < p_named


def test_calibrate_reliability_bands_count_every_event_once():
    rows = [(0.05, False), (0.55, True), (0.55, False), (0.85, True), (1.0, True)]
    bands = reliability(rows)
    assert sum(n for _, _, n, _ in bands) == len(rows)
    assert (0.8, 0.9, 1, 1) in bands and (0.9, 1.0, 1, 1) in bands
    text = format_reliability(rows)
    assert "confidence ≥ 0.5: 4 events, usable 0.750" in text
    assert "confidence ≥ 0.8: 2 events, usable 1.000" in text


def test_calibrate_shipped_weights_are_a_fitted_model(tmp_path):
    model = calibrate.calibration()
    assert model.weights and "fitted" in model.note
    path = tmp_path / "c.json"
    calibrate.write(Calibration(-1.0, {"actor": 2.0}, "test"), path)
    assert calibrate.parse_calibration(path) == Calibration(-1.0, {"actor": 2.0}, "test")
    assert json.loads(path.read_text(encoding="utf-8"))["bias"] == -1.0


def test_calibrate_refuses_a_heldout_part():
    result = CliRunner().invoke(main, ["eval", "calibrate", "--part", "events_real_heldout"])
    assert result.exit_code == 2 and "no real-news events dev part" in result.output
