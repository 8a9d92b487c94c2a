#!/usr/bin/env bash
# Resolve a merge conflict in our Vietnamese catalog: keep every translation either side had,
# re-extract the strings from the merged code, fill, compile. Usage: tools/merge_catalog.sh BRANCH
set -euo pipefail
po=vnportal/locale/vi/LC_MESSAGES/django.po
tmp=$(mktemp -d)
git show HEAD:$po > "$tmp/ours.po"
git show "$1":$po > "$tmp/theirs.po"
.venv/bin/python - "$tmp" <<'PY'
import json, sys, polib
tmp = sys.argv[1]
table = {}
for name in ("theirs.po", "ours.po"):   # ours wins on a disagreement
    for e in polib.pofile(f"{tmp}/{name}"):
        if e.msgstr and "fuzzy" not in e.flags:
            table[e.msgid] = e.msgstr
        elif e.msgstr_plural and e.msgstr_plural.get(0) and "fuzzy" not in e.flags:
            table[e.msgid] = e.msgstr_plural[0]
json.dump(table, open(f"{tmp}/table.json", "w"), ensure_ascii=False)
PY
cp "$tmp/ours.po" $po
(cd vnportal && DJANGO_SETTINGS_MODULE=vnportal.settings.test ../.venv/bin/django-admin makemessages -l vi --no-obsolete --no-location >/dev/null)
.venv/bin/python tools/fill_po.py $po "$tmp/table.json"
(cd vnportal && ../.venv/bin/django-admin compilemessages -l vi >/dev/null)
rm -rf "$tmp"
