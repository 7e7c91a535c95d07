"""The HTML pages in headless Chromium: they render, and log nothing to the console.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped without it. Console
messages are read from Chromium's own log (``--enable-logging=stderr``: ``INFO:CONSOLE``
lines), which a control page with a deliberate error proves to work.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="headless Chromium not installed (Debian: apt-get install -y chromium)",
)
SHOTS = Path(__file__).parent / "screenshots"


def render(url: str, shot: Path, tmp_path: Path) -> list[str]:
    """Screenshot ``url``; return the console messages the page produced."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--hide-scrollbars",
        "--window-size=1200,1500",
        f"--screenshot={shot}",
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert shot.exists() and shot.stat().st_size > 5000, done.stderr[-2000:]
    return re.findall(r":CONSOLE[^\]]*\] (.*)", done.stderr)


def test_console_detection_works(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><p>x</p><script>console.error("marker-42")</script>' + "x" * 9000
    )
    messages = render(page.as_uri(), tmp_path / "bad.png", tmp_path)
    assert any("marker-42" in m for m in messages)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/id/person/jana-morel", "person"),
        ("/id/event/a1/1", "event"),
        ("/", "query"),
        ("/sparql?query=SELECT+*+%7B+%3Fs+a+%3Fo+%7D+LIMIT+20&format=html", "results"),
    ],
)
def test_page_renders_without_console_errors(
    server: str, path: str, name: str, tmp_path: Path
) -> None:
    SHOTS.mkdir(exist_ok=True)
    shot = SHOTS / f"{name}.png"
    shot.unlink(missing_ok=True)
    messages = render(server + path, shot, tmp_path)
    assert messages == []
