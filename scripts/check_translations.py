"""Fail when a translatable string lacks its Polish or English entry.

Runs makemessages into a scratch copy of every catalogue, then compares msgids (polib) with
the committed ones, and requires 0 untranslated and 0 fuzzy entries in every committed .po.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["pl", "en"]


def catalogues(root: Path) -> list[Path]:
    return sorted(
        p for p in root.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )


def main() -> int:
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "tree"
        shutil.copytree(
            ROOT,
            scratch,
            ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "staticfiles"),
        )
        env = dict(os.environ, ESFLOW_VAR_DIR=str(Path(tmp) / "var"))
        cmd = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--ignore=.venv"]
        cmd += [f"-l{lang}" for lang in LANGS]
        subprocess.run(cmd, cwd=scratch, env=env, check=True, capture_output=True)  # noqa: S603
        for fresh in catalogues(scratch):
            rel = fresh.relative_to(scratch)
            committed = ROOT / rel
            fresh_ids = {(e.msgctxt, e.msgid) for e in polib.pofile(str(fresh))}
            if not committed.exists():
                if fresh_ids:
                    errors.append(f"{rel}: missing catalogue with {len(fresh_ids)} strings")
                continue
            have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed)) if not e.obsolete}
            for _ctx, msgid in sorted(fresh_ids - have, key=str):
                errors.append(f"{rel}: not in the catalogue: {msgid!r}")
    for po_path in catalogues(ROOT):
        po = polib.pofile(str(po_path))
        rel = po_path.relative_to(ROOT)
        for entry in po.untranslated_entries():
            errors.append(f"{rel}: untranslated: {entry.msgid!r}")
        for entry in po.fuzzy_entries():
            errors.append(f"{rel}: fuzzy: {entry.msgid!r}")
        mo_path = po_path.with_suffix(".mo")
        translated = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
        compiled = (
            {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path)) if e.msgid}
            if mo_path.exists()
            else {}
        )
        plain = {k: v for k, v in translated.items() if v}
        if any(compiled.get(k) != v for k, v in plain.items()):
            errors.append(f"{rel}: the .mo beside it is missing or older than the .po")
    for line in errors:
        print(line)
    print(f"translations: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
