"""The data behind skipping OpenCC (ogi/data/t2s_triggers.txt) matches the installed OpenCC."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_t2s_triggers", ROOT / "scripts" / "build_t2s_triggers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_triggers_are_those_of_the_installed_opencc():
    builder = _builder()
    _, tool = builder._opencc_dirs()
    if not tool.exists():
        pytest.skip("this opencc build ships no opencc_dict tool")
    chars, phrases = builder.triggers()
    shipped = (ROOT / "ogi" / "data" / "t2s_triggers.txt").read_text("utf-8")
    assert shipped == builder.render(chars, phrases)
    # What the file is for: a traditional character, and a phrase OpenCC changes though
    # each of its characters alone stays (答覆 -> 答复).
    assert "發" in chars and "答覆" in phrases and "的" not in chars
