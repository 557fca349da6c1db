"""kg build's scale options on the command line (no NLP needed here)."""

from __future__ import annotations

import pytest

from kg.cli import main, make_parser


def test_build_help_names_the_scale_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for text in (
        "--workers",
        "--dask",
        "--rebuild",
        "--verbose",
        "--log-interval",
        "--commit-interval",
        "kg build feeds/ --dask local",
        "kill -9",
    ):
        assert text in out


def test_build_scale_defaults() -> None:
    args = make_parser().parse_args(["build", "seeds"])
    assert (args.workers, args.dask, args.rebuild, args.verbose) == (None, None, False, False)
    args = make_parser().parse_args(
        ["build", "seeds", "--workers", "3", "--dask", "local", "--rebuild", "-v"]
    )
    assert (args.workers, args.dask, args.rebuild, args.verbose) == (3, "local", True, True)


@pytest.mark.parametrize("value", ["0", "-1", "all"])
def test_workers_must_be_positive(capsys: pytest.CaptureFixture[str], value: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "seeds", "--workers", value])
    assert exit_.value.code == 2
    assert "--workers" in capsys.readouterr().err
