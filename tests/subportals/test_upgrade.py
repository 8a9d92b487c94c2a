"""A single-site database of the previous release keeps working after the sub-portal migrations,
and can then take a sub-portal: its polls stay the province's, its pages answer as before."""

import gzip
import json
import shutil

from tests.test_upgrade import FIXTURE, _manage

READ_BACK = """
import json
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site
from vnportal.polls.models import Poll

default = Site.objects.get(is_default_site=True)
state = {"polls": Poll.objects.count(), "polls_of_default": Poll.objects.filter(site=default).count()}
main = Client(HTTP_HOST="localhost")
state["before"] = {url: main.get(url).status_code for url in ("/", "/binh-chon/", "/sitemap.xml")}
call_command("add_subportal", "an-binh.localhost", "Cổng thông tin điện tử huyện An Bình", port=80)
sub = Client(HTTP_HOST="an-binh.localhost")
home = sub.get("/")
state["sub_home"] = home.status_code
state["sub_named"] = "huyện An Bình" in home.content.decode()
state["main_polls_on_sub"] = any(p.question in sub.get("/binh-chon/").content.decode() for p in Poll.objects.all())
state["after"] = {url: main.get(url).status_code for url in ("/", "/binh-chon/", "/sitemap.xml")}
print(json.dumps(state))
"""


def test_a_single_site_database_migrates_and_takes_a_sub_portal(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with gzip.open(FIXTURE, "rb") as packed, open(data_dir / "vnportal.sqlite3", "wb") as db:
        shutil.copyfileobj(packed, db)
    migrated = _manage(data_dir, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    read = _manage(data_dir, "shell", "-c", READ_BACK)
    assert read.returncode == 0, read.stderr[-3000:]
    state = json.loads(read.stdout.strip().splitlines()[-1])
    assert state["polls"] == state["polls_of_default"] == 2
    assert state["before"] == state["after"] == {"/": 200, "/binh-chon/": 200, "/sitemap.xml": 200}
    assert state["sub_home"] == 200 and state["sub_named"]
    assert not state["main_polls_on_sub"]
