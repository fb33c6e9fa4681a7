"""Every ``--option`` the texts name exists on the command they name (issue 26, item 12).

A text names its command as ``bienban CMD … --option``; a ``CLI_HELP[CMD]`` entry names the
options of CMD; any other text that names an option must be listed in ``SHOWN_BY`` with the
commands that print it, so that a new sentence cannot advise an option that does not exist.
"""

from __future__ import annotations

import argparse
import re

from minutes_tui import texts
from minutes_tui.cli import build_parser, main

#: Texts that name an option without naming the command: the commands that print them.
SHOWN_BY: dict[str, tuple[str, ...]] = {
    "ERRORS.export_exists": ("export",),
    "ERRORS.followup_no_result": ("followups done",),
    "ERRORS.followup_no_reason": ("followups extend",),
    "ERRORS.followup_no_body": ("followups pass-on",),
    "VERIFY_NO_ROOTS": ("verify",),
}

_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
_COMMAND = re.compile(r"\bbienban((?: [a-z][a-z-]*)+)")


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    found = {prefix: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _commands(sub, f"{prefix} {name}".strip())
    return found


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings}


def _strings(value, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{where}.{key}")
    elif isinstance(value, (tuple, list)):
        for index, inner in enumerate(value):
            yield from _strings(inner, f"{where}.{index}")


def _named_command(commands, words: str) -> str | None:
    """The longest run of ``words`` that is a command (``followups done``, ``export``)."""
    parts = words.split()
    for end in range(len(parts), 0, -1):
        if " ".join(parts[:end]) in commands:
            return " ".join(parts[:end])
    return None


def test_every_option_named_in_the_texts_exists_on_the_command_it_names():
    commands = _commands(build_parser())
    root = _options(commands[""])
    wrong = []
    for name, value in vars(texts).items():
        if not name.isupper():
            continue
        for where, text in _strings(value, name):
            for sentence in re.split(r"(?<=[.;:!?])\s|\n", text):
                named = [(m.start(), _named_command(commands, m[1])) for m in _COMMAND.finditer(sentence)]
                for found in _OPTION.finditer(sentence):
                    option, before = found[0], [n for at, n in named if at < found.start()]
                    if before:  # the nearest "bienban CMD" before it
                        owners: tuple[str, ...] = (before[-1],) if before[-1] is not None else ()
                    elif where.startswith("CLI_HELP."):
                        owners = (_named_command(commands, where.split(".")[1]) or "?",)
                    elif where.startswith("CLI_SIGNING_HELP."):
                        owners = ("export", "sign")
                    else:
                        owners = SHOWN_BY.get(where, ())
                    if not owners or any(option not in _options(commands[o]) | root for o in owners if o in commands):
                        wrong.append(f"{where}: {option} ({' / '.join(owners) or 'no command named'})")
                    elif any(o not in commands for o in owners):
                        wrong.append(f"{where}: {owners} is no command")
    assert not wrong, "\n".join(wrong)


def test_import_into_a_folder_with_a_recording_advises_a_command_that_exists(tmp_path, capsys):
    import wave

    clip = tmp_path / "ghi-am.wav"
    with wave.open(str(clip), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000), w.writeframes(b"\0\0" * 16000)
    folder = tmp_path / "hop"
    folder.mkdir()
    (folder / "audio.wav").write_bytes(clip.read_bytes())
    assert main(["import", str(clip), "--title", "T", "--meeting", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "không bao giờ bị ghi đè" in err and "bienban record --meeting THƯ_MỤC_HỌP --append" in err
    assert build_parser().parse_args(["record", "--meeting", str(folder), "--append"]).append  # the advice parses
