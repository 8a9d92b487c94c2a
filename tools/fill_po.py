"""Fill empty msgstr entries of a .po file from a JSON {msgid: msgstr} map, and list what is still empty.

Usage: python tools/fill_po.py vnportal/locale/vi/LC_MESSAGES/django.po translations.json
"""

import json
import sys

import polib


def main(po_path, json_path):
    catalog = polib.pofile(po_path)
    table = json.load(open(json_path, encoding="utf-8"))
    missing = []
    for entry in catalog:
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar old string ("section" for "Question"):
            # never ship it; take the table's translation or leave it empty and report it.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            entry.msgstr = ""
            entry.msgstr_plural = {0: ""} if entry.msgid_plural else {}
        if entry.msgid_plural:  # Vietnamese has one plural form
            if entry.msgid in table and not entry.msgstr_plural.get(0):
                entry.msgstr_plural = {0: table[entry.msgid]}
            done = bool(entry.msgstr_plural.get(0))
        else:
            if entry.msgid in table and not entry.msgstr:
                entry.msgstr = table[entry.msgid]
            done = bool(entry.msgstr)
        if not done:
            missing.append(entry.msgid)
    catalog.metadata_is_fuzzy = False
    catalog.header = "Vietnamese translation of vnportal."
    catalog.metadata.update(
        {
            "Project-Id-Version": "vnportal",
            "Language-Team": "vnportal <vi>",
            "Last-Translator": "vnportal developers",
            "Language": "vi",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
    )
    catalog.save(po_path)
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main(*sys.argv[1:])
