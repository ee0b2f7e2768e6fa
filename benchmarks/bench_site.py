"""Benchmark: the resident site of a synthetic region, built and searched.

    python benchmarks/bench_site.py [--notices 10000] [--organizations 40] [--results FILE]

1. Build: ``notices build`` of the synthetic region (benchmarks/synthetic.py) as a
   subprocess: cold (empty cache: every preview card drawn), then warm three times
   (cache kept, as in CI between commits) into new folders on disk, then warm three
   times into one folder, each run first removing the previous site (on ext4 without a
   journal, files made just after a large removal cost more); then warm three times
   into a RAM-backed folder (``/dev/shm``) when there is one (the fresh runs' sites stay
   until the end: about 2.5 GB of disk in all),
   with what making a file costs in each, since the site is some 30,000 files.
   Wall time, CPU time of the process tree, the largest process's peak RSS, and the
   whole tree's peak memory (sum of proportional set sizes) sampled every 100 ms.
   Then the site stage alone (``generator.site.render_site`` in this process, MkDocs
   shards and Pagefind in children), with its steps as logged.
   Targets (issue 3): under 40 s and 1.5 GB on 2 cores.
2. Search transfer: the built site served on 127.0.0.1 (nginx with gzip, as a
   host would, and Python's http.server without compression), Chromium runs a
   first search for «отключения воды Ленина»; the bytes of every search-related
   response are summed (Playwright's request sizes: encoded body + headers).
   Side by side with Material's built-in search on the same site, built with
   the Material search plugin enabled. Target: under 300 KB for Pagefind.

Prints Markdown tables; ``--results FILE`` also writes them with the machine and date.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import logging
import os
import platform
import pwd
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from synthetic import REFERENCE_NOW, generate  # noqa: E402

NOTICES = Path(sys.executable).parent / "notices"
QUERY = "отключения воды Ленина"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


# ----------------------------------------------------------------------------- build


@dataclass
class Run:
    seconds: float
    cpu: float
    largest_mb: float
    tree_mb: float
    tmpfs_mb: float = float("nan")  # peak growth of what /dev/shm holds during the run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tree_pss_kb(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: the sum of their
    proportional set sizes, so that pages a forked process still shares with its
    parent count once (a sum of RSS would count them in both)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        with contextlib.suppress(OSError):
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += next((int(line.split()[1]) for line in rollup.splitlines()
                           if line.startswith("Pss:")), 0)
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text().split()
                pending += [int(c) for c in children]
    return total


def run_measured(command: list[str]) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    peak, tmpfs_base, tmpfs_peak = 0, tmpfs_used(), 0
    while process.poll() is None:
        peak = max(peak, tree_pss_kb(process.pid))
        tmpfs_peak = max(tmpfs_peak, tmpfs_used())
        time.sleep(0.1)
    output = process.stdout.read() if process.stdout else ""
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, after.ru_maxrss / 1024, peak / 1024,
               max(0, tmpfs_peak - tmpfs_base) / 1024 / 1024)


def tmpfs_used() -> int:
    """Bytes in /dev/shm (the build writes its search documents there): memory no
    process's PSS shows."""
    try:
        return shutil.disk_usage(RAM_FOLDER).used
    except OSError:
        return 0


def build_command(content: Path, out: Path, cache: Path, base_url: str) -> list[str]:
    """`notices build` with its image cache in ``cache`` (content/../.cache by default)."""
    code = ("import sys; from pathlib import Path; from datetime import datetime;"
            "from generator.build import build;"
            "build(Path(sys.argv[1]), Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]),"
            " base_url=sys.argv[4], cache_dir=Path(sys.argv[5]))")
    return [sys.executable, "-c", code, str(content), str(out), REFERENCE_NOW.isoformat(),
            base_url, str(cache)]


class Steps(logging.Handler):
    """Collects the site stage's log of its steps."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def site_stage(content: Path, folder: Path, base_url: str, *,
               material_search: bool) -> tuple[Run, list[str], Path]:
    """``render_site`` alone, in this process (its MkDocs shards and Pagefind are children)."""
    from generator.build import load_site_config
    from generator.context import BuildContext
    from generator.images import ImageIndex
    from generator.site import render_site
    from generator.validate import validate

    config = load_site_config(ROOT / "mkdocs.yml", base_url)
    model = validate(content, REFERENCE_NOW, config).model
    if model is None:
        raise SystemExit("the synthetic region does not validate")
    site, work = folder / "site", folder / "work"
    site.mkdir(parents=True)
    work.mkdir()
    ctx = BuildContext(model, REFERENCE_NOW, config, site, work, folder / "cache",
                       ROOT / "mkdocs.yml")
    steps = Steps()
    logger = logging.getLogger("generator.site")
    logger.addHandler(steps)
    logger.setLevel(logging.INFO)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        render_site(ctx, ImageIndex(), material_search=material_search)
    finally:
        logger.removeHandler(steps)
    seconds = time.perf_counter() - started
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime
              for a, b in [(self_before, self_after), (children_before, children_after)])
    largest = max(self_after.ru_maxrss, children_after.ru_maxrss) / 1024
    return Run(seconds, cpu, largest, float("nan")), steps.lines, site


# ----------------------------------------------------------------------------- search


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def plain_server(site: Path) -> Iterator[str]:
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port),
                                 functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


NGINX_CONF = """\
user {user};
worker_processes 1;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/wasm wasm; }}
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
  gzip on; gzip_comp_level 6; gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json
             application/xml image/svg+xml application/wasm;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


@contextlib.contextmanager
def nginx_server(site: Path) -> Iterator[str]:
    port = free_port()
    with tempfile.TemporaryDirectory() as prefix:
        conf = Path(prefix) / "nginx.conf"
        # Workers run as this user: the build's folders are private to it (mode 0700).
        user = pwd.getpwuid(os.getuid()).pw_name
        conf.write_text(NGINX_CONF.format(user=user, prefix=prefix, port=port, root=site))
        process = subprocess.Popen(["nginx", "-p", prefix, "-c", str(conf), "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            for _ in range(100):
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                    break
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)


@dataclass
class Transfer:
    search_bytes: int = 0
    search_requests: int = 0
    page_bytes: int = 0
    found: str = ""  # where the first title naming Ленина is among the results shown
    files: list[tuple[str, int]] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)  # sizes Chromium did not report


def is_search_request(url: str) -> bool:
    return any(part in url for part in ("/pagefind/", "search_index.json", "/workers/search",
                                        "/lunr/", "/assets/rso/search.js"))


def unreported_size(site: Path, base_url: str, request: object) -> int:
    """The body size of a response Chromium reports as 0 (a Web Worker's script): the
    file's size, gzipped as nginx sends it when the response says so."""
    response = request.response()  # type: ignore[attr-defined]
    if response is None or response.status != 200:
        return 0
    path = site / request.url.removeprefix(base_url).split("?")[0]  # type: ignore[attr-defined]
    if not path.is_file():
        return 0
    data = path.read_bytes()
    gzipped = response.headers.get("content-encoding") == "gzip"
    return len(gzip.compress(data, 6)) if gzipped else len(data)


def measure_search(base_url: str, engine: str, site: Path) -> Transfer:
    """Bytes a first search costs a visitor in Chromium (fresh profile, empty cache)."""
    from playwright.sync_api import sync_playwright

    transfer = Transfer()

    def finished(request: object) -> None:
        sizes = request.sizes()  # type: ignore[attr-defined]
        body = sizes["responseBodySize"]
        url = request.url  # type: ignore[attr-defined]
        if body == 0:
            body = unreported_size(site, base_url, request)
            if body:
                transfer.estimated.append(url.removeprefix(base_url))
        size = body + sizes["responseHeadersSize"]
        if is_search_request(url):
            transfer.search_bytes += size
            transfer.search_requests += 1
            transfer.files.append((url.removeprefix(base_url), size))
        else:
            transfer.page_bytes += size

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.on("requestfinished", finished)
        if engine == "pagefind":
            page.goto(base_url + "search/")
            page.fill("#rso-q", QUERY)
            page.click("form.rso-search-form button")
            status = page.locator(".rso-search__status").filter(
                has_text=re.compile("Найдено|Ничего не найдено"))
            status.wait_for(timeout=120_000)
            if "Найдено" in status.inner_text():  # the count shows before the results load
                page.locator(".rso-search__results li a").first.wait_for(timeout=120_000)
            titles = page.locator(".rso-search__results li a").all_inner_texts()
        else:
            page.goto(base_url)
            page.click("label[for=__search]")
            page.fill("input.md-search__input", QUERY)
            page.locator(".md-search-result__meta").filter(
                has_text=re.compile("Найден|Совпадений не найдено|Нет")).wait_for(timeout=300_000)
            titles = page.locator(".md-search-result__item h1").all_inner_texts()
        page.wait_for_load_state("networkidle")
        rank = next((i for i, t in enumerate(titles, 1) if "Ленина" in t), None)
        transfer.found = (f"{rank} of {len(titles)} shown" if rank
                          else f"not among {len(titles)} shown")
        browser.close()
    return transfer


# ----------------------------------------------------------------------------- report


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")),
               platform.processor())
    memory = next(int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                  if ln.startswith("MemTotal")) / 1024 / 1024
    load = os.getloadavg()
    return (f"{cpu}, nproc {os.cpu_count()}, {memory:.0f} GB RAM, "
            f"Python {platform.python_version()}; load average at start "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def kb(size: int) -> str:
    return f"{size / 1024:.0f}"


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)


WARM_RUNS = 3
#: A RAM-backed folder (tmpfs), where making a file costs no disk journal.
RAM_FOLDER = Path("/dev/shm")


def full_builds(report: Report, content: Path, folder: Path, base_url: str) -> Path:
    report.say("### Full build (`notices build`: validate, images, site, feeds, stats)")
    report.say()
    report.say("Each run builds into a new, empty output folder, as CI does. Warm runs keep the "
               "cache folder (preview cards, rendered texts, calendar events, feed files), as "
               "CI does between commits.")
    report.say()
    report.say("Runs marked *fresh* build into a folder of their own and the sites are removed "
               "only at the end, as on a CI runner, where nothing large was deleted just "
               "before (each build removes its own scratch, MkDocs' sources of the hub pages, "
               "about a thousand files, as it ends). Runs "
               "marked *after removal* first remove the previous run's site (about 30,000 "
               "files), as a loop of builds into one folder does. On ext4 without a journal "
               "(this VM's disk) the kernel, when it makes a file, skips the inodes freed in "
               "the last minute or more (`recently_deleted` in ext4's `ialloc.c`), so each "
               "file made just after a large removal costs several times more.")
    report.say()
    report.say(f"Making a file here (a folder, a 2 KB file, later removed): "
               f"{file_cost(folder):.0f} µs. The site's files are counted below; the build "
               "also makes and removes MkDocs' scratch folder, and its search documents "
               "(in /dev/shm when there is room).")
    report.say()
    report.say("| output folder | run | seconds | CPU seconds | largest process MB "
               "| whole tree PSS MB (sampled) | /dev/shm growth MB (sampled) | site MB "
               "| files |")
    report.say("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    cache, sites = folder / "cache", folder / "sites"
    disk = "disk (temporary folder)"
    build_row(report, disk, "cold (empty cache)", content, sites / "cold", cache, base_url)
    fresh = [build_row(report, disk, f"warm {n + 1}, fresh", content, sites / f"warm-{n + 1}",
                       cache, base_url) for n in range(WARM_RUNS)]
    out = folder / "out"
    (sites / f"warm-{WARM_RUNS}").rename(out)  # the first run removes this site
    removed = [build_row(report, disk, f"warm {n + 1}, after removal", content, out, cache,
                         base_url) for n in range(WARM_RUNS)]
    needed = folder_bytes(cache) + 3 * folder_bytes(out)  # the cache, a site, room to spare
    if not (RAM_FOLDER.is_dir() and os.access(RAM_FOLDER, os.W_OK)):
        report.say(f"| (no writable {RAM_FOLDER}: no builds in RAM) | | | | | | | | |")
    elif shutil.disk_usage(RAM_FOLDER).free < needed:
        report.say(f"| ({RAM_FOLDER} has less than {needed / 1024 ** 3:.1f} GB free: "
                   "no builds in RAM) | | | | | | | | |")
    else:
        with tempfile.TemporaryDirectory(dir=RAM_FOLDER, prefix="bench-site-") as ram:
            report.say(f"| (file cost in {RAM_FOLDER}: {file_cost(Path(ram)):.0f} µs) "
                       "| | | | | | | | |")
            shutil.copytree(cache, Path(ram) / "cache")
            for n in range(WARM_RUNS):
                build_row(report, f"RAM ({RAM_FOLDER}, tmpfs)", f"warm {n + 1}", content,
                          Path(ram) / "out", Path(ram) / "cache", base_url)
    report.say()
    report.say("Memory is that of the processes, plus what the build puts in /dev/shm (its "
               "search documents, which no process's PSS shows); in RAM runs that column also "
               "holds the output written there, and the cache is there before the run.")
    report.say()
    report.say(f"Warm build on disk, median of {len(fresh)}: fresh {median(fresh):.1f} s, "
               f"after removal {median(removed):.1f} s.")
    report.say()
    cards = len(list((out / "media" / "cards").iterdir()))
    report.say(f"Preview cards in the site: {cards} (notices current or changed in the last "
               "30 days, and every event a feed lists).")
    report.say()
    return out


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def build_row(report: Report, where: str, name: str, content: Path, out: Path, cache: Path,
              base_url: str) -> float:
    """One measured build into ``out`` (removed first), as a table row; its seconds."""
    shutil.rmtree(out, ignore_errors=True)
    run = run_measured(build_command(content, out, cache, base_url))
    files = [p for p in out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1024 / 1024
    report.say(f"| {where} | {name} | {run.seconds:.1f} | {run.cpu:.1f} | "
               f"{run.largest_mb:.0f} | {run.tree_mb:.0f} | {run.tmpfs_mb:.0f} | {size:.0f} | "
               f"{len(files)} |")
    return run.seconds


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def file_cost(folder: Path, count: int = 3000) -> float:
    """Microseconds to make a folder holding a 2 KB file, and to remove them, in ``folder``."""
    scratch = Path(tempfile.mkdtemp(dir=folder, prefix="files-"))
    started = time.perf_counter()
    for n in range(count):
        (scratch / str(n)).mkdir()
        (scratch / str(n) / "index.html").write_text("x" * 2048, encoding="utf-8")
    shutil.rmtree(scratch)
    return (time.perf_counter() - started) / count * 1e6


def yardstick(report: Report, content: Path) -> None:
    """The machine's speed against earlier runs: `notices validate` of the same region in
    one process, as it ran when RESULTS.md's validation figure was taken (also with the
    garbage collector running, as before validation paused it)."""
    code = ("import contextlib, sys; import generator.validate as v; v.FORK_FROM = 10**9; "
            "v.cycle_collection = lambda enabled: contextlib.nullcontext(); "
            "from generator.cli import main; sys.exit(main(sys.argv[1:]))")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, "validate", "--content", str(content),
                    "--now", REFERENCE_NOW.isoformat()], check=True, capture_output=True,
                   cwd=ROOT)
    report.say(f"Yardstick: `notices validate` of this region in one process took "
               f"{time.perf_counter() - started:.1f} s on this machine "
               "(RESULTS.md, validation: 3.5 s on the machine of 2026-11-23 11:00 UTC).")
    report.say()


def stage_alone(report: Report, content: Path, folder: Path, base_url: str) -> None:
    report.say("### Site stage alone (`render_site`, no images)")
    report.say()
    run, steps, _ = site_stage(content, folder, base_url, material_search=False)
    report.say(f"{run.seconds:.1f} s wall, {run.cpu:.1f} s CPU (this process and its children), "
               f"largest process {run.largest_mb:.0f} MB. Steps:")
    report.say()
    for step in steps:
        report.say(f"- {step}")
    report.say()


SERVERS = (("nginx, gzip", nginx_server), ("http.server", plain_server))


def search_transfer(report: Report, sites: list[tuple[str, Path]]) -> None:
    report.say(f"### First search for «{QUERY}» (bytes over the wire, Chromium, empty cache)")
    report.say()
    report.say("| engine | server | search requests | search KB | other page KB "
               "| first «Ленина» title |")
    report.say("|---|---|---:|---:|---:|---|")
    details: list[str] = []
    for engine, site in sites:
        kind = "pagefind" if engine == "Pagefind" else "material"
        for server_name, server in SERVERS:
            with server(site) as url:
                transfer = measure_search(url, kind, site)
            report.say(f"| {engine} | {server_name} | {transfer.search_requests} | "
                       f"{kb(transfer.search_bytes)} | {kb(transfer.page_bytes)} | "
                       f"{transfer.found} |")
            if server_name.startswith("nginx"):
                details.append(f"{engine} over nginx: " + ", ".join(
                    f"{path.split('?')[0]} {kb(size)} KB" for path, size in transfer.files))
                if transfer.estimated:
                    details.append(f"{engine}: sizes Chromium did not report (a worker's script), "
                                   "taken from the file, gzipped as served: "
                                   + ", ".join(transfer.estimated))
    report.say()
    for line in details:
        report.say(f"- {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=40)
    parser.add_argument("--results", type=Path, help="also write the report to this file")
    parser.add_argument("--skip-material", action="store_true",
                        help="skip the Material-search variant (it is slow to build)")
    args = parser.parse_args()
    report = Report()
    report.say(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {machine()}.")
    report.say(f"Command: `python benchmarks/bench_site.py {' '.join(sys.argv[1:])}`")
    report.say(f"Region: benchmarks/synthetic.py, {args.organizations} organizations, "
               f"{args.notices} notices, seed 1, now {REFERENCE_NOW.isoformat()}.")
    report.say()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        folder = Path(scratch)
        content = folder / "content"
        generate(content, args.organizations, args.notices, seed=1)
        base_url = "http://127.0.0.1:8000/"
        yardstick(report, content)
        built = full_builds(report, content, folder, base_url)
        stage_alone(report, content, folder / "stage", base_url)
        sites = [("Pagefind", built)]
        if not args.skip_material:
            _, _, material = site_stage(content, folder / "material", base_url,
                                        material_search=True)
            index = material / "search" / "search_index.json"
            report.say(f"Material's search_index.json: {index.stat().st_size / 1024:.0f} KB "
                       "on disk.")
            report.say()
            sites.append(("Material (lunr)", material))
        search_transfer(report, sites)
    if args.results:
        args.results.write_text("# Site benchmark\n\n" + "\n".join(report.lines) + "\n",
                                encoding="utf-8")


if __name__ == "__main__":
    main()
