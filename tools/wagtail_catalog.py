"""Keep the Vietnamese Wagtail admin complete (and the few Django strings it shows that Django lacks).

Wagtail ships about a fifth of its admin strings in Vietnamese. vnportal carries the
rest in ``vnportal/locale_wagtail/vi/LC_MESSAGES/`` (a separate LOCALE_PATHS entry,
so ``makemessages`` on our own code never drops them).

    python tools/wagtail_catalog.py missing > todo.json      # strings nobody translates yet
    python tools/wagtail_catalog.py merge todo.json done.json  # add translations {id: text}
    python tools/wagtail_catalog.py coverage                   # print the coverage per domain

After a Wagtail upgrade: ``missing``, translate, ``merge``, then ``make messages``
(it compiles the .mo files) — tests/core/test_locale.py checks the coverage.
"""

import glob
import json
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "vnportal" / "locale_wagtail" / "vi" / "LC_MESSAGES"


def wagtail_dir():
    import wagtail

    return Path(wagtail.__file__).resolve().parent


def english_entries():
    """(domain, context, msgid, msgid_plural) of every Wagtail admin string, from its English catalogs."""
    seen = set()
    for path in sorted(glob.glob(str(wagtail_dir() / "**/locale/en/LC_MESSAGES/*.po"), recursive=True)):
        domain = Path(path).stem
        for entry in polib.pofile(path):
            key = (domain, entry.msgctxt, entry.msgid, entry.msgid_plural or None)
            if not entry.obsolete and key not in seen:
                seen.add(key)
                yield key, entry


def _translated(entry):
    if entry is None or "fuzzy" in entry.flags:
        return False
    return bool(entry.msgstr) or bool(entry.msgstr_plural and all(entry.msgstr_plural.values()))


def known_translations():
    """(domain, context, msgid) → entry, from Wagtail's own Vietnamese catalogs and ours."""
    known = {}
    paths = glob.glob(str(wagtail_dir() / "**/locale/vi/LC_MESSAGES/*.po"), recursive=True)
    paths += [str(p) for p in OURS.glob("*.po")]
    for path in paths:
        domain = Path(path).stem
        for entry in polib.pofile(path):
            if _translated(entry):
                known[(domain, entry.msgctxt, entry.msgid)] = entry
    return known


def coverage():
    known = known_translations()
    totals = {}
    for (domain, context, msgid, _plural), _entry in english_entries():
        done, total = totals.get(domain, (0, 0))
        totals[domain] = (done + ((domain, context, msgid) in known), total + 1)
    return totals


def cmd_missing():
    known = known_translations()
    todo = []
    for (domain, context, msgid, plural), entry in english_entries():
        if (domain, context, msgid) in known:
            continue
        item = {"id": f"{domain}:{len(todo)}", "domain": domain, "msgid": msgid}
        if context:
            item["context"] = context
        if plural:
            item["msgid_plural"] = plural
        flags = [flag for flag in entry.flags if flag.endswith("format")]
        if flags:
            item["flags"] = flags
        todo.append(item)
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)


def cmd_merge(todo_path, done_path):
    todo = json.load(open(todo_path, encoding="utf-8"))
    done = json.load(open(done_path, encoding="utf-8"))
    OURS.mkdir(parents=True, exist_ok=True)
    catalogs = {}
    for item in todo:
        text = done.get(item["id"])
        if not text:
            continue
        domain = item["domain"]
        if domain not in catalogs:
            path = OURS / f"{domain}.po"
            catalog = polib.pofile(str(path)) if path.exists() else polib.POFile()
            catalog.metadata = {
                "Project-Id-Version": "vnportal (Wagtail admin, Vietnamese)",
                "Language": "vi",
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": "nplurals=1; plural=0;",
            }
            catalogs[domain] = catalog
        catalog = catalogs[domain]
        existing = catalog.find(item["msgid"], msgctxt=item.get("context"))
        entry = existing or polib.POEntry(msgid=item["msgid"], msgctxt=item.get("context"))
        entry.flags = list(item.get("flags", []))
        if item.get("msgid_plural"):
            entry.msgid_plural = item["msgid_plural"]
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        if existing is None:
            catalog.append(entry)
    for domain, catalog in catalogs.items():
        catalog.header = "Vietnamese strings for the Wagtail admin that Wagtail itself does not ship."
        catalog.save(str(OURS / f"{domain}.po"))
        catalog.save_as_mofile(str(OURS / f"{domain}.mo"))
        print(f"{domain}: {len(catalog)} entries")


def cmd_coverage():
    for domain, (done, total) in sorted(coverage().items()):
        print(f"{domain}: {done}/{total} = {done / total:.1%}")


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vnportal.settings.test")
    commands = {"missing": cmd_missing, "merge": cmd_merge, "coverage": cmd_coverage}
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    commands[argv[0]](*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
