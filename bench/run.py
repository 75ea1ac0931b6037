"""The benchmark behind `make bench`.

Builds the generated data set in a PostgreSQL database of its own if it is
not there yet, serves the app under gunicorn with production settings, and
for a fixed list of addresses measures requests per second and p50/p95
latency with wrk at a fixed concurrency, beside a ceiling address that does
no database work through the same middleware. Requests say what a browser
says (Accept-Encoding: gzip); one export is also fetched as curl does,
without. Then it measures first visits: searches whose every request asks
for an address not asked before, so each page is rendered afresh, as after
a change to the record. It prints the tables, writes them with the
machine's facts to docs/benchmarks.md, and exits non-zero if any request
failed. Not a test: numbers depend on the machine.

    python bench/run.py [--scale national|small] [--duration 10] [--concurrency 8]
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LUA = Path(__file__).with_name("report.lua")
CORPUS = ROOT / "data" / "corpus" / "report-sentences.txt"
# What a browser sends: stored pages go out gzipped to it.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
DEFAULT_DATABASE = "postgres://ofsted:ofsted@127.0.0.1:5432/ofsted_bench"
TARGETS = {"p95_ms": 150, "list_fraction": 0.40, "worker_mb": 150}
# Each address is measured in slices of this many seconds, each just after
# a slice of the ceiling (see measure()).
SLICE_SECONDS = 2


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "national"], default="national")
    parser.add_argument("--duration", type=int, default=10, help="Seconds per address.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port.")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument(
        "--database-url",
        default=os.getenv("BENCH_DATABASE_URL", DEFAULT_DATABASE),
        help="A PostgreSQL database for generated data only (default: %(default)s).",
    )
    return parser.parse_args()


def production_env(args):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=args.database_url,
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def manage(env, *arguments, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def ensure_data(env, scale):
    """Generate the data set unless this database already holds it."""
    check = (
        "from inspections.models import Inspection, Finding;"
        "print(Inspection.objects.filter(source_file='generated').count(),"
        " Finding.objects.count())"
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createcachetable")
    inspections, findings = map(int, manage(env, "shell", "-c", check, capture=True).split()[-2:])
    wanted = {"small": 36, "national": 3000}[scale]
    if inspections != wanted:
        print(f"Generating the {scale} data set (found {inspections} generated inspections)...")
        started = time.perf_counter()
        manage(env, "generate_data", "--scale", scale, "--replace")
        print(f"  generated in {time.perf_counter() - started:.0f} s")
    else:
        print(f"Using the {scale} data set already in the database ({findings} findings).")
    # Fresh statistics, so the planner sees the table sizes production would
    # (autovacuum may not have run since the bulk load).
    # Vacuumed too, as autovacuum soon would: index-only scans need the
    # visibility map a bulk load leaves unset.
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )


def addresses(env):
    """The fixed list, with real slugs and ids picked from the data set."""
    code = """
import json
from inspections.models import Inspection, LocalAuthority, Theme
from quotes.models import Statement
inspection = Inspection.objects.published().filter(source_file="generated").order_by("slug").first()
statements = Statement.objects.published().order_by("said_on")
middle = statements.count() // 2
year = statements[middle].said_on.year
# About 5,000 quotes for the export: the dates of 5,000 in a row.
export_from = statements[middle].said_on
export_to = statements[min(middle + 4999, statements.count() - 1)].said_on
print(json.dumps({
    "export_from": export_from.isoformat(),
    "export_to": export_to.isoformat(),
    "inspection": inspection.slug,
    "authority": inspection.authority.slug,
    "theme": Theme.objects.order_by("slug").first().slug,
    "statement": statements.order_by("pk").first().pk,
    "year": year,
}))
"""
    picked = json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])
    year = picked["year"]
    export = f"/quotes/?date_from={picked['export_from']}&date_to={picked['export_to']}&format=csv"
    # (name, path, kind, request headers)
    return [
        ("ceiling (no database)", "/robots.txt", "ceiling", BROWSER),
        ("home", "/", "page", BROWSER),
        (
            "inspections, filtered",
            f"/inspections/?judgement=requires_improvement&theme={picked['theme']}",
            "list",
            BROWSER,
        ),
        ("inspections, text search", "/inspections/?q=caseloads", "list", BROWSER),
        (
            "findings, filtered",
            f"/findings/?theme={picked['theme']}&kind=strength",
            "list",
            BROWSER,
        ),
        ("findings, text search", "/findings/?q=strategy+meetings", "list", BROWSER),
        (
            "quotes, filtered",
            f"/quotes/?date_from={year}-01-01&date_to={year}-12-31",
            "list",
            BROWSER,
        ),
        ("quotes, text search", "/quotes/?q=social+workers", "list", BROWSER),
        ("authorities", "/authorities/", "list", BROWSER),
        ("report page", f"/inspections/{picked['inspection']}/", "page", BROWSER),
        ("authority page", f"/authorities/{picked['authority']}/", "page", BROWSER),
        ("quote permalink", f"/quotes/{picked['statement']}/", "page", BROWSER),
        ("quotes CSV export", export, "export", BROWSER),
        ("quotes CSV export, without gzip (as curl)", export, "export", {}),
    ]


# First visits: a search for each of these words, never the same address
# twice in a run. Words of six letters or more from the real report
# sentences the generated findings and quotes are built from.
FIRST_VISITS = [
    ("inspections, text search", "/inspections/?q={}"),
    ("findings, text search", "/findings/?q={}"),
    ("quotes, text search", "/quotes/?q={}"),
]


def search_words():
    text = CORPUS.read_text(encoding="utf-8").lower()
    return sorted(set(re.findall(r"[a-z]{6,}", text)))


def first_visit_lists(directory):
    """[(name, file of addresses)], one address a line."""
    words = search_words()
    lists = []
    for name, template in FIRST_VISITS:
        path = Path(directory) / (re.sub(r"\W+", "-", name) + ".txt")
        path.write_text("\n".join(template.format(word) for word in words) + "\n")
        lists.append((name, template, path))
    return lists


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, args, port):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def worker_memory_mb(master_pid):
    """Resident memory of each gunicorn worker (children of the master)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
            if match:
                sizes.append(int(match.group(1)) / 1024)
    return sizes


def run_wrk(url, duration, concurrency, headers=BROWSER, paths=None):
    """wrk's figures for url (or, with paths, the addresses in that file)."""
    threads = min(2, concurrency)
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(LUA), url]
    if paths:
        command += ["--", str(paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((x for x in result.stdout.splitlines() if x.startswith("JSON ")), None)
    if line is None:
        sys.exit(f"wrk failed for {url}:\n{result.stdout}{result.stderr}")
    return json.loads(line[5:])


def measure(base, path, ceiling_path, headers, args):
    """(the address's figures, the ceiling's), taken in turns of SLICE_SECONDS
    each: this shared machine's speed drifts within a run, by half at times
    for ten seconds or more, and a fraction of a ceiling measured minutes
    earlier (or even just before) measured the drift. Throughput is over all
    the slices; the p50 is the slices' median and the p95 their worst."""
    slices = max(1, args.duration // SLICE_SECONDS)
    seconds = args.duration // slices
    address, ceiling = [], []
    for _ in range(slices):
        ceiling.append(run_wrk(base + ceiling_path, seconds, args.concurrency, headers))
        address.append(run_wrk(base + path, seconds, args.concurrency, headers))
    return combined(address), combined(ceiling)


def combined(runs):
    requests = sum(run["requests"] for run in runs)
    elapsed = sum(run["requests"] / run["rps"] for run in runs if run["rps"])
    return {
        "requests": requests,
        "rps": requests / elapsed if elapsed else 0.0,
        "p50_ms": sorted(run["p50_ms"] for run in runs)[len(runs) // 2],
        "p95_ms": max(run["p95_ms"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "stored": sum(run["stored"] for run in runs),
    }


def fetch_whole(url, headers):
    """One request read to its end: a stored export is stored only once it
    has been sent whole, and wrk's one-second warm-up ends before an
    export's first rendering does."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def uncached(env, paths):
    """Queries each page makes and the time one request takes, in-process,
    against the same data, with the page cache off: the work a page costs
    when it is not stored (the first visit after any change)."""
    code = f"""
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(SERVER_NAME="127.0.0.1")
result = {{}}
for path in {json.dumps(paths)}:
    timings = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            b"".join(response) if response.streaming else response.content
            timings.append((time.perf_counter() - started) * 1000)
    result[path] = {{"queries": len(queries), "ms": sorted(timings)[1]}}
print(json.dumps(result))
"""
    output = manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", code, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def explain_slowest(env, path):
    """EXPLAIN ANALYZE of the slowest query behind a page."""
    code = f"""
import time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
with CaptureQueriesContext(connection) as queries:
    response = Client(SERVER_NAME="127.0.0.1").get({path!r})
    b"".join(response) if response.streaming else response.content
slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
with connection.cursor() as cursor:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
    plan = "\\n".join(row[0] for row in cursor.fetchall())
print("=====")
print(slowest["time"] + " s: " + slowest["sql"][:600])
print(plan)
"""
    output = manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", code, capture=True)
    return output.split("=====\n", 1)[-1].strip()


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    postgres = subprocess.run(
        ["psql", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"{postgres or 'PostgreSQL'}, wrk {shutil.which('wrk') and 'installed'}"
    )


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: apt-get install wrk")
    env = production_env(args)
    # Hashed static files, as in production, gathered for this run only.
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env["STATIC_ROOT"] = static_root
    try:
        run_benchmark(args, env)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def run_benchmark(args, env):
    manage(env, "collectstatic", "--no-input", "-v", "0")
    ensure_data(env, args.scale)
    targets = addresses(env)
    port = args.port or free_port()
    process = start_gunicorn(env, args, port)
    base = f"http://127.0.0.1:{port}"
    results, first_visits = [], []
    lists = tempfile.mkdtemp(prefix="bench-first-visits-")
    try:
        for _, path, _, headers in targets:  # warm caches and connections
            fetch_whole(base + path, headers)
            run_wrk(base + path, 1, 2, headers)
        ceiling_path = targets[0][1]
        for name, path, kind, headers in targets:
            stats, beside = measure(base, path, ceiling_path, headers, args)
            results.append(
                {"name": name, "path": path, "kind": kind, "ceiling": beside["rps"], **stats}
            )
            print(
                f"  {name:42} {stats['rps']:8.1f} req/s  p50 {stats['p50_ms']:7.1f} ms  "
                f"p95 {stats['p95_ms']:7.1f} ms  errors {stats['errors']}  "
                f"({stats['rps'] / beside['rps']:.0%} of the ceiling beside it)"
            )
        for name, template, paths in first_visit_lists(lists):
            stats = run_wrk(base, args.duration, args.concurrency, paths=paths)
            first_visits.append({"name": name, "path": template.format("<word>"), **stats})
            print(
                f"  first visits: {name:28} {stats['rps']:8.1f} req/s  "
                f"p50 {stats['p50_ms']:7.1f} ms  p95 {stats['p95_ms']:7.1f} ms  "
                f"errors {stats['errors']}  stored {stats['stored']}"
            )
        memory = worker_memory_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Workers stuck in slow requests: the numbers are taken already.
            process.kill()
            process.wait()
        shutil.rmtree(lists, ignore_errors=True)

    counts = uncached(env, sorted({path for _, path, _, _ in targets}))
    quote_check = ""
    check_command = ROOT / "quotecheck" / "management" / "commands" / "time_quote_check.py"
    if check_command.exists():
        quote_check = manage(env, "time_quote_check", capture=True).strip().splitlines()[-1]
    slow = sorted(
        {r["path"] for r in results if r["kind"] != "ceiling" and counts[r["path"]]["ms"] > 50},
        key=lambda path: -counts[path]["ms"],
    )
    plans = {path: explain_slowest(env, path) for path in slow[:3]}
    report = render(args, results, first_visits, counts, memory, quote_check, plans)
    print(report)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report, encoding="utf-8")
    print(f"Written to {output}")
    failed = sum(r["errors"] for r in results + first_visits)
    # A page that did not answer once in the whole run failed too.
    silent = [r["name"] for r in results + first_visits if r["requests"] == 0]
    if failed or silent:
        sys.exit(
            f"{failed} request(s) failed; no answer within the run from: "
            f"{', '.join(silent) or 'none'}."
        )


def render(args, results, first_visits, counts, memory, quote_check, plans):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Run by `make bench` on {when}: scale **{args.scale}**, concurrency {args.concurrency}, "
        f"{args.duration} s per address, gunicorn {args.workers} workers × {args.threads} threads "
        "(gthread), production settings (DEBUG off, hashed static files), PostgreSQL.",
        "",
        f"Machine: {machine()}.",
        "",
        f"Targets: p95 under {TARGETS['p95_ms']} ms everywhere; filtered list pages at least "
        f"{TARGETS['list_fraction']:.0%} of the ceiling's throughput; each worker under "
        f"{TARGETS['worker_mb']} MB after the run.",
        "",
        "Pages are served as in production, through the page cache (core/pagecache.py):",
        "after the first request an address is answered from it until the record changes.",
        "Requests say Accept-Encoding: gzip, as browsers do, except the export marked",
        '"without gzip". The last two columns are the page\'s own work, measured',
        "in-process with the cache off: the database queries and the time of one request",
        "(median of 3), which is what the first visit after a change costs. Each address is",
        f"measured in slices of {SLICE_SECONDS} s, each just after a slice of the ceiling: its",
        "share is of the ceiling measured in those turns, its p50 the slices' median and its",
        "p95 their worst.",
        "",
        "| address | path | req/s | ceiling req/s | of ceiling | p50 ms | p95 ms | errors "
        "| queries | uncached ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['name']} | `{r['path']}` | {r['rps']:.1f} | {r['ceiling']:.1f} | "
            f"{r['rps'] / r['ceiling']:.0%} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{r['errors']} | {counts[r['path']]['queries']} | {counts[r['path']]['ms']:.0f} |"
        )
    missed = [
        r["name"]
        for r in results
        if r["requests"] == 0
        or r["p95_ms"] > TARGETS["p95_ms"]
        or (r["kind"] == "list" and r["rps"] / r["ceiling"] < TARGETS["list_fraction"])
    ]
    lines += [
        "",
        "### First visits",
        "",
        "Each request asks for an address not asked before in the run: a search for one of "
        f"{len(search_words())} words from the real report sentences, so the page is rendered "
        'afresh, as after any change to the record ("stored" counts answers that were '
        "stored pages all the same). The issue's targets are set for the fixed list above; "
        "these show what a visitor waits for when the page is not stored.",
        "",
        "| searches | path | req/s | p50 ms | p95 ms | errors | stored |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in first_visits:
        lines.append(
            f"| {r['name']} | `{r['path']}` | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['errors']} | {r['stored']} |"
        )
    lines += [
        "",
        "Worker memory after the run: "
        + (", ".join(f"{mb:.0f} MB" for mb in sorted(memory)) or "not measured")
        + ".",
        "",
        "Quote check (`manage.py time_quote_check`): "
        + (quote_check.removeprefix("quote check: ") or "not measured")
        + ".",
        "",
        "Missed targets: " + (", ".join(missed) if missed else "none") + ".",
    ]
    if plans:
        lines += ["", "## Query plans of the slowest pages, uncached", ""]
        for path, plan in plans.items():
            lines += [f"### `{path}`", "", "```", plan, "```", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
