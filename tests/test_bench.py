from click.testing import CliRunner

from khronika.bench.pipeline import (
    BACKBONE,
    System,
    analysed_articles,
    backbone_extract,
    bare_natasha,
    bench,
    format_bench,
    khronika_extract,
    load_items,
    measure,
    natasha_docs,
    token_total,
)
from khronika.store.ingest import Options, Source, process_input
from tests.conftest import EXAMPLES
from tests.helpers import PAGE, write_pages

HTML_EXAMPLE = EXAMPLES / "09_lavrov_blinken_reykjavik.html"


def test_bench_measures_both_systems_and_the_stages(tmp_path):
    write_pages(tmp_path, {"a.txt": PAGE})
    runs, spent = bench([str(tmp_path)], [1], min_docs=2, rounds=1)
    assert [(r.system, r.workers, r.docs) for r in runs] == [
        ("natasha", 1, 2), ("backbone", 1, 2), ("khronika", 1, 2)]
    assert all(r.seconds > 0 and r.peak_rss_kib > 0 for r in runs)
    assert len({r.tokens for r in runs}) == 1 and runs[0].tokens > 0
    assert {"read", "segment", "tag", "ner", "timex", "quotes", "events"} <= set(spent)
    table = format_bench((runs, spent))
    assert "1.00x" in table and "time by stage" in table


def test_bench_backbone_is_khronika_without_event_coding(resources):
    names = [s.name for s in BACKBONE]
    assert "events" not in names and "speakers" in names
    source = Source("page.txt", PAGE.encode("utf-8"))
    (whole,) = process_input(source, resources, Options()).docs
    (backbone,) = process_input(source, resources, Options(stages=BACKBONE)).docs
    assert whole.events and not backbone.events
    assert backbone_extract(("page.txt", PAGE.encode("utf-8"))) > 0


def test_bench_natasha_and_khronika_analyse_the_same_tokens_of_an_html_page(resources):
    """The baseline reads the page with khronika's readers and analyses the title and body
    khronika analyses, not the markup: both count the same tokens through token_total,
    in the same sentences."""
    from natasha import Doc, Segmenter

    from khronika.read import decode

    item = (str(HTML_EXAMPLE), HTML_EXAMPLE.read_bytes())
    natasha_tokens, khronika_tokens = bare_natasha(item), khronika_extract(item)
    assert natasha_tokens == khronika_tokens > 0
    (blocks,) = analysed_articles(item)
    assert blocks[0] == "Лавров и Блинкен провели первую встречу в Рейкьявике"
    assert not any("<" in block or "По материалам" in block for block in blocks)
    (ours,) = process_input(Source(*item), resources, Options(stages=BACKBONE)).docs
    (theirs,) = natasha_docs(item)
    assert [s.text for s in theirs.sents] == [ours.text[s.start:s.stop] for s in ours.sentences]
    raw = Doc(decode(item[1])[0])
    raw.segment(Segmenter())
    assert token_total([raw]) > 2 * natasha_tokens  # what the old baseline analysed


def test_bench_leaves_out_an_input_it_cannot_read(tmp_path, caplog):
    """An empty file among the pages (factRuEval's empty .facts files) is left out with a
    warning instead of crashing the benchmark."""
    write_pages(tmp_path, {"a.txt": PAGE, "b.facts": ""})
    assert [path for path, _ in load_items([str(tmp_path)], min_docs=1)] == [
        str(tmp_path / "a.txt")]
    assert "b.facts" in caplog.text and "empty input" in caplog.text


def test_bench_reads_only_the_texts_of_a_factrueval_folder(tmp_path, caplog):
    for n in (1, 2):
        for suffix, text in ((".txt", PAGE), (".spans", "1 name 0 6 1 1 Лавров\n"),
                             (".objects", "1 Person 1\n"), (".tokens", "1 0 6 Лавров\n"),
                             (".coref", ""), (".facts", "")):
            (tmp_path / f"book_{n}{suffix}").write_text(text, "utf-8")
    items = load_items([str(tmp_path)], min_docs=3)
    assert [path.rsplit("/", 1)[1] for path, _ in items] == ["book_1.txt", "book_2.txt"] * 2
    assert "bench leaves out" not in caplog.text


BIG = 200 * 2**20  # bytes one worker of the "big" system holds while it analyses


def hold_memory(item) -> int:
    return len(b"x" * BIG) // BIG


def hold_nothing(item) -> int:
    return 1


def load_nothing() -> None:
    return None


def test_bench_peak_memory_is_each_systems_own_in_fresh_workers():
    """A system measured after a hungry one does not inherit its high-water mark: every
    system runs in fresh worker processes, which report their own peak."""
    items = [("a", b"")] * 4
    big = measure(System("big", load_nothing, hold_memory), items, workers=1)
    small = measure(System("small", load_nothing, hold_nothing), items, workers=1)
    both = measure(System("big", load_nothing, hold_memory), items, workers=2)
    assert big.tokens == small.tokens == both.tokens == 4
    assert small.peak_rss_kib < big.peak_rss_kib - BIG // 2 // 1024
    assert abs(both.peak_rss_kib - big.peak_rss_kib) < BIG // 2 // 1024  # per worker, not summed


def test_bench_shows_progress_per_system_and_round_unless_quiet(tmp_path):
    from khronika.cli.main import main

    write_pages(tmp_path, {"a.txt": PAGE})
    args = ["bench", "-j", "1", "--rounds", "1", "--min-docs", "1", str(tmp_path)]
    shown = CliRunner().invoke(main, args, catch_exceptions=False)
    assert shown.exit_code == 0
    assert "bench: 0/3 natasha, 1 worker, round 1/1" in shown.stderr
    assert "bench: 3/3" in shown.stderr and "khronika" in shown.stdout
    quiet = CliRunner().invoke(main, [*args, "-q"], catch_exceptions=False)
    assert quiet.exit_code == 0 and "bench:" not in quiet.stderr
