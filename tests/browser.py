"""Headless Chromium (Debian's package) for tests that look at pages as a person would."""

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=5000"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render(page: Path, screenshot: Path, size: str = "1280,1600") -> str:
    """Screenshot the page and return its DOM after scripts ran."""
    exe = chromium()
    assert exe, "chromium is not installed (make test installs it)"
    with tempfile.TemporaryDirectory() as profile:
        common = [exe, *FLAGS, f"--user-data-dir={profile}"]
        subprocess.run([*common, f"--screenshot={screenshot}", f"--window-size={size}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)
        dom = subprocess.run([*common, "--dump-dom", page.as_uri()], check=True,
                             capture_output=True, timeout=120, text=True)
    return dom.stdout
