from khronika.bench.pipeline import BACKBONE, backbone_extract, bench, format_bench
from khronika.store.ingest import Options, Source, process_input
from tests.helpers import PAGE, write_pages


def test_bench_measures_both_systems_and_the_stages(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE})
    runs, spent = bench([str(tmp_path)], [1], min_docs=2, rounds=2)
    assert [(r.system, r.workers, r.docs) for r in runs] == [
        ("natasha", 1, 2), ("backbone", 1, 2), ("khronika", 1, 2)]
    assert all(r.seconds > 0 and r.peak_rss_kib > 0 for r in runs)
    assert {"read", "segment", "tag", "ner", "timex", "quotes", "events"} <= set(spent)
    table = format_bench((runs, spent))
    assert "1.00x" in table and "time by stage" in table


def test_bench_backbone_is_khronika_without_event_coding(resources):
    assert [s.name for s in BACKBONE][-1] == "speakers"
    source = Source("page.txt", PAGE.encode("utf-8"))
    (whole,) = process_input(source, resources, Options()).docs
    (backbone,) = process_input(source, resources, Options(stages=BACKBONE)).docs
    assert whole.events and not backbone.events
    assert backbone_extract(("page.txt", PAGE.encode("utf-8"))) > 0


def test_bench_leaves_out_an_input_it_cannot_read(tmp_path, caplog):
    """An empty file among the pages (factRuEval's empty .facts files) is left out with a
    warning instead of crashing the benchmark."""
    write_pages(tmp_path, {"a.txt": PAGE, "b.facts": ""})
    runs, _ = bench([str(tmp_path)], [1], min_docs=1, rounds=1)
    assert [r.docs for r in runs] == [1, 1, 1]
    assert "b.facts" in caplog.text and "empty input" in caplog.text
