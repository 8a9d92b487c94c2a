"""Run deploy/nginx/vnportal.conf as an unprivileged, throw-away nginx (bench and tests).

The production site file is adapted, not copied by hand: the listen port, the upstream
servers and the /var paths are replaced, and every replacement must match, so a change
to the shape of deploy/nginx/vnportal.conf makes the bench and tests fail loudly instead
of quietly measuring something else.

    conf = local_nginx_conf(prefix, listen_port=8810, upstreams=["127.0.0.1:8811"], ...)
    with NginxProcess(prefix, conf) as nginx: ...
"""

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "vnportal.conf"
SNIPPETS = ("vnportal-beacon.conf", "vnportal-beacon-http.conf")
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def missing_requirements():
    """Why nginx with the purge module cannot run here, or None."""
    if nginx_binary() is None:
        return "nginx is not installed (apt-get install nginx)"
    if not PURGE_MODULE.exists():
        return f"{PURGE_MODULE} is missing (apt-get install libnginx-mod-http-cache-purge)"
    return None


def _replace(text, pattern, replacement, what, count=0):
    new, n = re.subn(pattern, replacement, text, count=count, flags=re.M)
    if n == 0:
        raise ValueError(f"deploy/nginx/vnportal.conf no longer has {what}; update tools/nginx_local.py")
    return new


def adapt_site(text, *, listen_port, upstreams, cache_dir, static_root, media_root):
    """The production site with local ports and paths."""
    text = _replace(text, r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{listen_port};", "'listen 80;'")
    text = _replace(text, r"^\s*listen \[::\]:80;\n", "", "'listen [::]:80;'")
    servers = "".join(f"    server {address} max_fails=3 fail_timeout=10s;\n" for address in upstreams)
    text = _replace(
        text,
        r"(upstream vnportal_app \{\n)((?:\s*server [^\n]*\n)+)",
        lambda m: m.group(1) + servers,
        "the upstream servers",
    )
    text = _replace(text, r"/var/cache/nginx/vnportal", str(cache_dir), "the proxy_cache_path")
    text = _replace(text, r"/var/lib/vnportal/static/", f"{static_root}/", "the static alias")
    text = _replace(text, r"/var/lib/vnportal/media/", f"{media_root}/", "the media alias")
    return text


def local_nginx_conf(
    prefix, *, listen_port, upstreams, static_root, media_root, extra_servers="", site_text=None, access_log=False
):
    """Write ``prefix``/conf/ (nginx.conf, the adapted site, the beacon snippets) and return
    the path of nginx.conf. Missing beacon snippets are written empty and named in
    ``prefix``/conf/MISSING_SNIPPETS so callers can say so."""
    prefix = Path(prefix)
    conf_dir = prefix / "conf"
    (conf_dir / "snippets").mkdir(parents=True, exist_ok=True)
    for sub in ("cache", "logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    missing = []
    for name in SNIPPETS:
        source = SITE_CONF.parent / name
        target = conf_dir / "snippets" / name
        if source.exists():
            shutil.copyfile(source, target)
        else:
            target.write_text(f"# {name} is not in deploy/nginx/ yet: empty placeholder\n")
            missing.append(name)
    (conf_dir / "MISSING_SNIPPETS").write_text("\n".join(missing))
    site = adapt_site(
        site_text if site_text is not None else SITE_CONF.read_text(),
        listen_port=listen_port,
        upstreams=upstreams,
        cache_dir=prefix / "cache",
        static_root=static_root,
        media_root=media_root,
    )
    (conf_dir / "vnportal.conf").write_text(site)
    # Started as root (a CI container), nginx would hand its workers to "nobody", who cannot
    # read the temporary directories: keep them as the current user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    log = f"access_log {prefix}/logs/access.log;" if access_log else "access_log off;"
    main = f"""{user}worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
load_module {PURGE_MODULE};
events {{ worker_connections 4096; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    {log}
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {conf_dir}/vnportal.conf;
{extra_servers}
}}
"""
    path = conf_dir / "nginx.conf"
    path.write_text(main)
    return path


def static_server(port, root):
    """A server block that serves ``root`` as plain files: the baseline."""
    return f"""    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type text/html;
        location / {{ }}
    }}
"""


def wait_for_port(port, timeout=30.0, host="127.0.0.1"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class NginxProcess:
    """nginx in the foreground (daemon off), stopped on exit whatever happened."""

    def __init__(self, prefix, conf_path, ports=()):
        self.prefix = Path(prefix)
        self.conf_path = Path(conf_path)
        self.ports = ports
        self.process = None

    def command(self, *extra):
        return [nginx_binary(), "-p", str(self.prefix), "-c", str(self.conf_path), *extra]

    def check(self):
        result = subprocess.run(self.command("-t"), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{result.stderr}")
        return result.stderr

    def start(self):
        self.check()
        self.process = subprocess.Popen(
            self.command("-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for port in self.ports:
            if not wait_for_port(port):
                self.stop()
                raise RuntimeError(f"nginx did not listen on {port}: {self.error_log()}")
        return self

    def error_log(self):
        log = self.prefix / "logs" / "error.log"
        return log.read_text()[-4000:] if log.exists() else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
