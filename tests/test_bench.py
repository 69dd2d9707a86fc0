from khronika.bench import bench, format_bench
from tests.helpers import PAGE, write_pages


def test_bench_measures_both_systems_and_the_stages(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE})
    runs, spent = bench([str(tmp_path)], [1], min_docs=2)
    assert [(r.system, r.workers, r.docs) for r in runs] == [("natasha", 1, 2), ("khronika", 1, 2)]
    assert all(r.seconds > 0 and r.peak_rss_kib > 0 for r in runs)
    assert {"read", "segment", "tag", "ner", "timex", "quotes"} <= set(spent)
    table = format_bench((runs, spent))
    assert "1.00x" in table and "time by stage" in table
