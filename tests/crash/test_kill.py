"""Pull the plug: real `cchc` commands killed with SIGKILL at random moments, and after each
kill nothing committed is lost, nothing is half done, every database and backup is sound.

``CCHC_CRASH_KILLS`` sets the number of kills (30 here, 200 in ``make test-crash``) and
``CCHC_CRASH_SEED`` the seed of the random moments and operations (printed, to replay a run).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from tests.crash.harness import Harness
from tests.crash.world import EVERY_KIND, PASSWORD, PASSWORD_ENV, setup_world

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(sys.platform == "win32", reason="the crash driver forks and kills with SIGKILL: POSIX only"),
]

KILLS = int(os.environ.get("CCHC_CRASH_KILLS", "30"))
SEED = int(os.environ.get("CCHC_CRASH_SEED", "20261122"))


def test_nothing_is_lost_when_the_process_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    world = setup_world(tmp_path)
    harness = Harness(world, seed=SEED)
    start = time.monotonic()
    figures = harness.run(KILLS)
    summary = figures.report(time.monotonic() - start, SEED)
    with capsys.disabled():
        print("\n" + summary)
    assert figures.losses == 0, summary + "\n" + "\n".join(figures.problems)
    assert figures.kills == KILLS
    assert figures.completed >= KILLS  # the kills came while work was going on
    if KILLS >= 30:  # every kind of operation ran, so every kind was at risk
        for kind in EVERY_KIND:
            assert figures.by_kind[kind] > 0, (kind, summary)
