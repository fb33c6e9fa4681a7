"""``bienban model list|verify|path``: what models there are and whether the bundled one is sound."""

from __future__ import annotations

import argparse

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``model`` sub-commands."""
    summary, h, m = texts.CLI_SUMMARIES, texts.CLI_HELP, texts.CLI_METAVARS
    p = sub.add_parser("model", help=summary["model"])
    msub = p.add_subparsers(dest="model_command", metavar=m["command"], required=True)
    msub.add_parser("list", help=summary["model list"]).set_defaults(handler=_list)
    v = msub.add_parser("verify", help=summary["model verify"])
    v.add_argument("--repair", action="store_true", help=h["model verify"]["--repair"])
    v.set_defaults(handler=_verify)
    pp = msub.add_parser("path", help=summary["model path"])
    pp.add_argument("--model", default=None, metavar=m["model"], help=h["model path"]["--model"])
    pp.set_defaults(handler=_path)


def _list(args: argparse.Namespace) -> int:
    from transcribe import model

    print(texts.MODEL_LIST_HEADER)
    for info in model.available():
        where = str(info.path) if info.path else texts.MODEL_NOT_ASSEMBLED
        print(f"  {info.name:<32} {info.size_bytes / 1e6:8.1f} MB  {info.source:<8} {where}")
        if info.name in texts.MODEL_ABOUT:
            uses = [texts.MODEL_USES[use] for use, name in model.DEFAULTS.items() if name == info.name]
            default = texts.MODEL_DEFAULT_MARK.format(uses=", ".join(uses)) if uses else ""
            print(f"    {texts.MODEL_ABOUT[info.name]}{default}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    """Check (or with ``--repair`` rebuild) every bundled model: the base first, then what is assembled from it."""
    from transcribe import model
    from transcribe.errors import ModelError

    for name, (where, sums, ensure) in model.BUNDLED.items():
        if args.repair:
            print(texts.MODEL_REPAIRED.format(name=name, path=ensure(True)))
            continue
        target = where()
        if not target.exists():
            ensure(False)  # first use: assemble it (verified while it is written)
        bad = model.verify_folder(target, sums)
        if bad:
            raise ModelError("model_corrupt", f"{target}: {bad}", path=str(target), files=", ".join(bad))
        print(texts.MODEL_OK.format(name=name, path=target))
    return 0


def _path(args: argparse.Namespace) -> int:
    from transcribe import model

    print(model.resolve(args.model)[1])
    return 0
