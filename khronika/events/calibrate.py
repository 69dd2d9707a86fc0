"""Confidence that means something: an event's ``confidence`` is the probability that an
expert coder would call it usable (type and actor right), from a logistic model over what
the coder knows of the event: the rule's own prior and which rule it is, the PLOVER type,
modality, where the date came from, whether its parties are named and linked, whether the
headline or several sentences report it.

The weights (``data/calibration.json``) are fitted on the real-news dev gold by `khronika
eval calibrate` and checked on the held-out part by the reliability table of `eval events`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import Actor, Event

DEFAULT_MIN_CONFIDENCE = 0.5  # more likely usable than not
BANDS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class Calibration:
    bias: float
    weights: dict[str, float]
    note: str = ""

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def parse_calibration(path: Path) -> Calibration:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()},
                       data.get("note", ""))


def _linked(actors: Sequence[Actor]) -> bool:
    return any(a.kb_id and not a.kb_id.startswith("local:") for a in actors)


def features(event: Event) -> dict[str, float]:
    """What the model sees of one event; the prior is the highest confidence its rules give
    the sentences that report it."""
    prior = max((e.confidence for e in event.evidence), default=event.confidence)
    return {
        "prior": prior,
        f"rule:{event.rule}": 1.0,  # how often the rule's events are usable on dev
        f"type:{event.plover or 'none'}": 1.0,
        f"modality:{event.modality}": 1.0,
        f"date:{event.date_source}": 1.0,
        "actor": float(bool(event.actors)),
        "actor_linked": float(_linked(event.actors)),
        "recipient": float(bool(event.recipients)),
        "recipient_linked": float(_linked(event.recipients)),
        "place": float(event.place is not None),
        "headline": float(any(e.is_title for e in event.evidence)),
        "parties": float(len(event.actors) + len(event.recipients) >= 2),
        "reports": math.log(len(event.evidence) or 1),
    }


def calibrate_events(events: Iterable[Event], calibration: Calibration) -> None:
    """Replace each event's rule prior by the calibrated probability."""
    for event in events:
        event.confidence = round(calibration.probability(features(event)), 3)


def calibration() -> Calibration:
    from ..resources import shipped

    return shipped("calibration")


# -- fitting (eval calibrate) -----------------------------------------------------------


# chosen by 5-fold cross-validation on events_real_dev: log-loss 0.638 (without the rule
# feature, at its best penalty 10: 0.647; 1.0: 0.649; 10.0: 0.640)
L2 = 3.0


def fit(rows: Sequence[tuple[dict[str, float], bool]], l2: float = L2,
        steps: int = 3000, rate: float = 0.5) -> Calibration:
    """Logistic regression with an L2 penalty (not on the bias), by gradient descent."""
    import numpy as np

    names = sorted({k for f, _ in rows for k in f})
    x = np.array([[f.get(k, 0.0) for k in names] for f, _ in rows], dtype=float)
    y = np.array([float(u) for _, u in rows])
    w, b, n = np.zeros(len(names)), 0.0, max(len(rows), 1)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= rate * (x.T @ (p - y) / n + l2 * w / n)
        b -= rate * float(np.mean(p - y))
    return Calibration(round(b, 4), {k: round(float(v), 4) for k, v in zip(names, w, strict=True)
                                     if abs(v) >= 1e-4})


def write(calibration: Calibration, path: Path) -> None:
    path.write_text(json.dumps({"note": calibration.note, "bias": calibration.bias,
                                "weights": calibration.weights}, ensure_ascii=False,
                               indent=1) + "\n", encoding="utf-8")


def reliability(rows: Iterable[tuple[float, bool]]) -> list[tuple[float, float, int, int]]:
    """Per confidence band (low, high): events and how many were usable."""
    rows = list(rows)
    out = []
    for low, high in zip(BANDS, (*BANDS[1:], 1.01), strict=True):
        inside = [usable for c, usable in rows if low <= c < high]
        out.append((low, min(high, 1.0), len(inside), sum(inside)))
    return out


def format_reliability(rows: Iterable[tuple[float, bool]]) -> str:
    rows = list(rows)
    lines = ["reliability: predicted events by confidence, and how many an expert would use",
             "  band         events  usable  rate"]
    for low, high, n, usable in reliability(rows):
        rate = f"{usable / n:.3f}" if n else "  -  "
        lines.append(f"  {low:.1f}–{high:.1f}   {n:7d} {usable:7d}  {rate}")
    for cut in (DEFAULT_MIN_CONFIDENCE, 0.8):
        kept = [u for c, u in rows if c >= cut]
        rate = f"{sum(kept) / len(kept):.3f}" if kept else "-"
        lines.append(f"  confidence ≥ {cut}: {len(kept)} events, usable {rate}")
    return "\n".join(lines)
