"""kg.store.bulk: N-Quads loaded in parts side by side give the same dataset as one load."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.store import EmbeddedStore, bulk

NQ = ox.RdfFormat.N_QUADS


def nquads(articles: int, per_article: int = 7) -> bytes:
    lines = []
    for a in range(articles):
        graph = f"<http://ex/graph/a{a}>"
        for n in range(per_article):
            obj = f'"{n} \\"q\\" é"@en' if n % 2 else f"<http://ex/a{a}/o{n}>"
            lines.append(f"<http://ex/a{a}/s> <http://ex/p{n}> {obj} {graph} .\n")
    return "".join(lines).encode()


def dataset(store: ox.Store) -> set[ox.Quad]:
    return set(store)


@pytest.mark.parametrize("size", [1, 100, 333, 4096])
def test_line_ranges_cover_the_input_at_line_ends(size: int, tmp_path: Path) -> None:
    data = nquads(20)
    path = tmp_path / "d.nq"
    path.write_bytes(data)
    for source in (data, path):
        ranges = bulk.line_ranges(source, size)
        assert ranges[0][0] == 0
        assert ranges[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in pairwise(ranges))
        assert all(data[end - 1 : end] == b"\n" for _, end in ranges)
        if size == 1:  # every line a part
            assert len(ranges) == len(data.splitlines())


def test_parts_give_the_same_quads_as_one_load(tmp_path: Path) -> None:
    data = nquads(40)
    path = tmp_path / "d.nq"
    path.write_bytes(data)
    one = ox.Store()
    one.bulk_load(input=data, format=NQ)
    assert len(bulk.line_ranges(data, 500)) > 4
    for source in (data, path):
        parts = ox.Store(str(tmp_path / f"store-{type(source).__name__}"))
        bulk.load(parts, source, format=NQ, part_bytes=500)
        assert dataset(parts) == dataset(one)


def test_blank_nodes_keep_one_load() -> None:
    # each bulk_load names blank nodes afresh: split, _:b would be two nodes
    data = nquads(20) + b'_:b <http://ex/p> "1" <http://ex/g> .\n' + nquads(20)
    data += b'_:b <http://ex/q> "2" <http://ex/g> .\n'
    store = ox.Store()
    bulk.load(store, data, format=NQ, part_bytes=500)
    blanks = {q.subject for q in store if isinstance(q.subject, ox.BlankNode)}
    assert len(blanks) == 1


def test_a_syntax_error_names_the_line_its_part_starts_at() -> None:
    data = nquads(20)
    lines = data.splitlines(keepends=True)
    at = len(b"".join(lines[:100]))
    bad = data[:at] + b"<http://ex/s> <http://ex/p> .\n" + data[at:]
    start = next(a for a, b in bulk.line_ranges(bad, 700) if a <= at < b)
    first = bad.count(b"\n", 0, start) + 1
    with pytest.raises(SyntaxError, match=f"in the part from line {first}:"):
        bulk.load(ox.Store(), bad, format=NQ, part_bytes=700)


def test_load_file_in_parts_replaces_the_graphs_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MIN_PART_BYTES", 300)
    monkeypatch.setattr(bulk, "MAX_PART_BYTES", 600)
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    old.write_bytes(nquads(30))
    new.write_bytes(nquads(10, per_article=3))
    with EmbeddedStore(tmp_path / "s") as store:
        assert store.load_file(old).quads == 210
        assert store.load_file(old).graphs == 30
        assert store.count_triples() == 210
        store.load_file(new)  # a0..a9 now hold 3 quads each, a10..a29 still 7
        assert store.count_triples() == 10 * 3 + 20 * 7
    renamed = {f"http://ex/graph/a{a}" for a in range(10)}
    want = set(ox.parse(nquads(10, per_article=3), format=NQ)) | {
        q for q in ox.parse(nquads(30), format=NQ) if q.graph_name.value not in renamed
    }
    with EmbeddedStore(tmp_path / "s", read_only=True) as store:
        assert set(ox.parse(store.graph_nquads(store.graphs()), format=NQ)) == want


def test_load_file_errors_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "MIN_PART_BYTES", 300)
    monkeypatch.setattr(bulk, "MAX_PART_BYTES", 600)
    bad = tmp_path / "bad.nq"
    bad.write_bytes(nquads(10) + b"<http://ex/s^> <http://ex/p> <http://ex/o> <http://ex/g> .\n")
    plain = tmp_path / "plain.nq"
    plain.write_bytes(nquads(10) + b"<http://ex/s> <http://ex/p> <http://ex/o> .\n")
    with EmbeddedStore() as store:
        with pytest.raises(InputError, match=r"bad\.nq.*not valid N-Quads.*in the part from line"):
            store.load_file(bad)
        with pytest.raises(InputError, match=r"plain\.nq.*--graph"):
            store.load_file(plain)
        summary = store.load_file(plain, graph="http://ex/graph/plain")
        assert (summary.quads, summary.graphs) == (71, 11)
        assert "http://ex/graph/plain" in store.graphs()


def test_a_first_load_reads_the_file_once_and_checks_it_after(tmp_path: Path) -> None:
    """Into a store without named graphs nothing needs clearing: the file is loaded
    straight away, and what kg's store does not take is taken out again."""
    data = tmp_path / "data.nq"
    data.write_bytes(nquads(10))
    plain = tmp_path / "plain.nq"
    plain.write_bytes(nquads(3) + b"<http://ex/s> <http://ex/p> <http://ex/o> .\n")
    blank = tmp_path / "blank.nq"
    blank.write_bytes(nquads(2) + b"<http://ex/s> <http://ex/p> <http://ex/o> _:g .\n")
    with EmbeddedStore() as first:
        summary = first.load_file(data)
        assert (summary.quads, summary.graphs) == (70, 10)
        assert set(first.dataset()) == set(_loaded(tmp_path, data))
    with EmbeddedStore() as store:
        with pytest.raises(InputError, match=r"plain\.nq.*--graph"):
            store.load_file(plain)
        default = store._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        assert next(default, None) is None
    with EmbeddedStore() as store:
        with pytest.raises(InputError, match=r"blank\.nq.*blank node"):
            store.load_file(blank)
        assert not any(isinstance(g, ox.BlankNode) for g in store._ox.named_graphs())
        assert len(store.graphs()) == 2


def _loaded(tmp_path: Path, data: Path) -> list[object]:
    """``data`` loaded into a store that already holds a graph (the scanning path)."""
    with EmbeddedStore() as store:
        store.load_file(data)  # named graphs now: the second load scans first
        summary = store.load_file(data)
        assert (summary.quads, summary.graphs) == (70, 10)
        return list(store.dataset())
