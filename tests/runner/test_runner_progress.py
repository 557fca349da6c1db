"""kg.runner.progress: log lines off a terminal, totals counted ahead."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from kg.runner import Progress, estimate_articles


def test_log_lines_with_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, tty=False, interval=0.0)
    progress.set_total(4)
    progress.update()
    progress.update()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[-1].startswith("kg build: 2/4 articles (50%), ")
    assert "articles/s" in lines[-1]
    assert ", ETA 0:" in lines[-1]


def test_no_line_before_the_interval() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, tty=False, interval=3600)
    progress.update(5)
    progress.write("error: x")
    assert stream.getvalue() == "error: x\n"
    assert progress.line().startswith("kg build: 5 articles, ")


def test_estimate_counts_files_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2020-01-01 Text.")
    (tmp_path / "b.txt").write_text(" date 2020-01-01 Text.")
    lines = [json.dumps({"id": str(i), "text": "t"}) for i in range(5)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]))
    assert estimate_articles([tmp_path]) == 7
    assert estimate_articles([tmp_path / "c.jsonl", "-"]) is None


def test_count_in_background_sets_the_total(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2020-01-01 Text.")
    progress = Progress(stream=io.StringIO(), tty=False)
    progress.count_in_background([tmp_path])
    for _ in range(500):
        progress.update(0)
        if progress.total is not None:
            break
        time.sleep(0.01)
    assert progress.total == 1


def test_a_terminal_gets_a_bar() -> None:
    stream = io.StringIO()
    with Progress(stream=stream, tty=True) as progress:
        progress.set_total(10)
        progress.update(3)
    assert "3/10" in stream.getvalue()
