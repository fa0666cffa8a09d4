#!/usr/bin/env python3
"""The Python half of bench/run.sh (issue 6): brute-force truth, the peers (SQLite FTS5 trigram,
Tantivy with CJK bigrams), their in-process timing loops, and the report.

    peers.py records RECORDS.jsonl OUT.tsv       records -> compact TSV the peers load (untimed)
    peers.py truth   RECORDS.jsonl PEERS.tsv OUT  brute-force hit counts: name<TAB>count
    peers.py sqlite-build  RECORDS.tsv DB         one FTS5 trigram row per record (+ numeric columns)
    peers.py tantivy-build RECORDS.tsv DIR        bigram text fields, fast numeric fields
    peers.py sqlite-query  DB  PEERS.tsv RUNS     warm in-process latency, JSON lines
    peers.py tantivy-query DIR PEERS.tsv RUNS
    peers.py tantivy-once  DIR QUERY              one query in a fresh process (prints the count)
    peers.py report RESULTS_DIR                   markdown tables from the JSON lines of a run

Every tool sees the same records: `budgetsearch extract --format jsonl` over the corpus.
Build timings cover loading the compact TSV and building the index (not the JSON decoding).
"""
import json
import os
import shlex
import statistics
import sys
import time
import unicodedata

FIELDS = ("text", "reason", "subject", "type", "year", "amount", "change", "rate")
NUMERIC = ("year", "amount", "change", "rate")


# ---------------------------------------------------------------- matching form (the truth's)

def is_cjk(v):
    return (0x2E80 <= v <= 0x9FFF or 0xF900 <= v <= 0xFAFF or 0xFE30 <= v <= 0xFE4F
            or 0xFF00 <= v <= 0xFFEF or 0x20000 <= v <= 0x3FFFF)


def is_space(v):
    return v in (0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x3000, 0xFFFD) or 0x2000 <= v <= 0x200B


def match_form(s):
    """MatchForm.make of TextAnalysis (NFKC first), without the Traditional->Simplified fold
    (the generated corpus is Simplified)."""
    s = unicodedata.normalize("NFKC", s)
    out, pending, last_cjk, emitted = [], False, False, False
    for ch in s:
        v = ord(ch)
        if is_space(v):
            if emitted:
                pending = True
            continue
        cjk = is_cjk(v)
        if pending and not cjk and not last_cjk:
            out.append(" ")
        pending = False
        out.append(ch.lower() if "A" <= ch <= "Z" else ch)
        emitted, last_cjk = True, cjk
    return "".join(out)


def load_peers(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def cmd_records(src, dst):
    """JSONL -> TSV with the fields the peers index (tabs and newlines in text become spaces)."""
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            vals = []
            for k in FIELDS:
                v = r.get(k)
                vals.append("" if v is None else str(v).replace("\t", " ").replace("\n", " "))
            out.write("\t".join(vals) + "\n")
            n += 1
    print(json.dumps({"records": n}))


def cmd_truth(records, peers, out):
    queries = load_peers(peers)
    compiled = [(q["name"], compile(q["truth"], q["name"], "eval")) for q in queries]
    counts = {name: 0 for name, _ in compiled}
    t0 = time.perf_counter()
    with open(records, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            forms = {}

            def c(field, s, r=r, forms=forms):
                if field not in forms:
                    v = r.get(field)
                    forms[field] = None if v is None else match_form(v)
                return forms[field] is not None and match_form(s) in forms[field]

            def num(field, r=r):
                return r.get(field)

            env = {"r": r, "c": c,
                   "lt": lambda k, x: num(k) is not None and num(k) < x,
                   "gt": lambda k, x: num(k) is not None and num(k) > x,
                   "le": lambda k, x: num(k) is not None and num(k) <= x,
                   "ge": lambda k, x: num(k) is not None and num(k) >= x}
            for name, code in compiled:
                if eval(code, env):
                    counts[name] += 1
    with open(out, "w") as o:
        for name, n in counts.items():
            o.write(f"{name}\t{n}\n")
    print(json.dumps({"tool": "truth", "seconds": time.perf_counter() - t0, "counts": counts}, ensure_ascii=False))


def iter_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def num_or_none(s, integer=False):
    if s == "":
        return None
    return int(s) if integer else float(s)


# ---------------------------------------------------------------- SQLite FTS5 (trigram)

def cmd_sqlite_build(tsv, db):
    import sqlite3
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE r USING fts5(text, reason, subject, type UNINDEXED, year UNINDEXED, "
                "amount UNINDEXED, change UNINDEXED, rate UNINDEXED, tokenize='trigram')")
    rows = ((t, rs, s, ty, num_or_none(y, True), num_or_none(a), num_or_none(c), num_or_none(ra))
            for t, rs, s, ty, y, a, c, ra in iter_tsv(tsv))
    con.execute("BEGIN")
    con.executemany("INSERT INTO r VALUES (?,?,?,?,?,?,?,?)", rows)
    con.execute("COMMIT")
    t1 = time.perf_counter()
    con.execute("INSERT INTO r(r) VALUES('optimize')")
    con.commit()
    con.close()
    t2 = time.perf_counter()
    print(json.dumps({"tool": "sqlite", "seconds": t2 - t0, "insert_seconds": t1 - t0,
                      "optimize_seconds": t2 - t1, "index_bytes": os.path.getsize(db)}))


def sqlite_sql(where):
    return "SELECT count(*) FROM r WHERE " + where


def cmd_sqlite_query(db, peers, runs):
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for q in load_peers(peers):
        sql = sqlite_sql(q["fts5_where"])
        first = con.execute(sql).fetchone()[0]
        times = []
        for _ in range(runs):
            t = time.perf_counter_ns()
            n = con.execute(sql).fetchone()[0]
            times.append(time.perf_counter_ns() - t)
            assert n == first
        emit_latency("sqlite", q["name"], first, times)


# ---------------------------------------------------------------- Tantivy (CJK bigrams)

def tantivy_index(path, create=False):
    import tantivy
    bigram = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False))
              .filter(tantivy.Filter.lowercase()).build())
    sb = tantivy.SchemaBuilder()
    for f in ("text", "reason", "subject"):
        sb.add_text_field(f, stored=True, tokenizer_name="bigram", index_option="position")
    sb.add_text_field("type", stored=True, tokenizer_name="raw")
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    for f in ("amount", "change", "rate"):
        sb.add_float_field(f, stored=True, indexed=True, fast=True)
    schema = sb.build()
    if create:
        os.makedirs(path, exist_ok=True)
    index = tantivy.Index(schema, path=path, reuse=not create)
    index.register_tokenizer("bigram", bigram)
    return tantivy, index


def cmd_tantivy_build(tsv, path):
    import shutil
    shutil.rmtree(path, ignore_errors=True)
    t0 = time.perf_counter()
    tantivy, index = tantivy_index(path, create=True)
    writer = index.writer(heap_size=256_000_000)
    for t, rs, s, ty, y, a, c, ra in iter_tsv(tsv):
        d = tantivy.Document()
        d.add_text("text", t)
        if rs:
            d.add_text("reason", rs)
        if s:
            d.add_text("subject", s)
        d.add_text("type", ty)
        if y:
            d.add_integer("year", int(y))
        for k, v in (("amount", a), ("change", c), ("rate", ra)):
            if v:
                d.add_float(k, float(v))
        writer.add_document(d)
    writer.commit()
    writer.wait_merging_threads()
    t1 = time.perf_counter()
    size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    print(json.dumps({"tool": "tantivy", "seconds": t1 - t0, "index_bytes": size}))


def tantivy_count(index, searcher, q):
    return searcher.search(index.parse_query(q), limit=1, count=True).count


def cmd_tantivy_query(path, peers, runs):
    _, index = tantivy_index(path)
    index.reload()
    searcher = index.searcher()
    for q in load_peers(peers):
        first = tantivy_count(index, searcher, q["tantivy"])
        times = []
        for _ in range(runs):
            t = time.perf_counter_ns()
            n = tantivy_count(index, searcher, q["tantivy"])
            times.append(time.perf_counter_ns() - t)
            assert n == first
        emit_latency("tantivy", q["name"], first, times)


def cmd_tantivy_once(path, query):
    _, index = tantivy_index(path)
    print(tantivy_count(index, index.searcher(), query))


def emit_latency(tool, name, hits, times_ns):
    times = sorted(times_ns)
    p95 = times[max(0, -(-len(times) * 95 // 100) - 1)]
    print(json.dumps({"tool": tool, "query": name, "hits": hits, "runs": len(times),
                      "median_us": statistics.median(times) / 1e3, "p95_us": p95 / 1e3}))


# ---------------------------------------------------------------- report

def read_jsonl(path):
    out = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    out.append(json.loads(line))
    return out


def fmt_ms(us):
    if us is None:
        return "—"
    return f"{us / 1000:.3f}" if us < 10_000 else f"{us / 1000:.1f}"


def cmd_report(d):
    """Markdown tables from the files bench/run.sh leaves in its results folder."""
    meta = json.load(open(os.path.join(d, "meta.json")))
    raw = meta["raw_bytes"]
    builds = {b["tool"]: b for b in read_jsonl(os.path.join(d, "build.jsonl")) if "seconds" in b}
    ceil = next(iter(read_jsonl(os.path.join(d, "ceilings.jsonl"))), {})
    truth = dict(l.split("\t") for l in open(os.path.join(d, "truth.tsv")).read().split("\n") if l)
    warm = {}
    for tool in ("budgetsearch", "budgetsearch-top10", "budgetsearch-1thread", "sqlite", "tantivy"):
        for r in read_jsonl(os.path.join(d, f"warm-{tool}.jsonl")):
            if "query" in r:
                warm[(tool, r["query"])] = r
    fresh = {}
    for r in read_jsonl(os.path.join(d, "fresh.jsonl")):
        fresh[(r["tool"], r["query"])] = r
    names = [q["name"] for q in load_peers(meta["peers"])]
    rgq = {q["name"]: q["rg"] for q in load_peers(meta["peers"])}
    out = []
    mb = raw / 1e6
    out.append(f"Corpus: {meta['files']} files, {mb:.1f} MB raw text, {meta['records']} records "
               f"(generated in {meta.get('generate_seconds', '—')} s; extracted to JSONL in {meta['extract_seconds']:.1f} s).\n")
    if ceil:
        out.append(f"Ceilings (one core): warm read {ceil['read_mb_per_s']:.0f} MB/s; ICU word segmentation "
                   f"{ceil['icu_mb_per_s']:.1f} MB/s whole files, {ceil['icu_line_mb_per_s']:.1f} MB/s line by line "
                   f"(2 cores: ≤ {2 * ceil['icu_mb_per_s']:.1f} MB/s; the build target 0.8× that is "
                   f"{1.6 * ceil['icu_mb_per_s']:.1f} MB/s).\n")
    out.append("| tool | build s | MB/s | peak RSS MB | index MB | index / raw |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for tool, label in (("budgetsearch", "budgetsearch (parse + index)"), ("sqlite", "SQLite FTS5 trigram"),
                        ("tantivy", "Tantivy bigram (py)"), ("rg", "ripgrep (no index)")):
        b = builds.get(tool)
        if not b:
            continue
        rss = b.get("peak_rss_bytes", 0) / 2**20
        out.append(f"| {label} | {b['seconds']:.1f} | {mb / b['seconds']:.2f} | {rss:.0f} | "
                   f"{b['index_bytes'] / 1e6:.1f} | {b['index_bytes'] / raw:.2f} |")
    out.append("")
    out.append("Hit counts (truth: brute-force scan of the extracted records; ✗ = disagrees; rg counts lines of the raw files):\n")
    out.append("| query | truth | budgetsearch | FTS5 | Tantivy | rg |")
    out.append("|---|---:|---:|---:|---:|---:|")
    disagreements = []
    for n in names:
        t = int(truth[n])
        cells = []
        for tool in ("budgetsearch", "sqlite", "tantivy"):
            w = warm.get((tool, n))
            if w is None:
                cells.append("—")
                continue
            ok = w["hits"] == t
            if not ok:
                disagreements.append(f"{tool} {n}: {w['hits']} hits, truth {t}")
            cells.append(f"{w['hits']}" + ("" if ok else " ✗"))
        rg = fresh.get(("rg", n))
        cells.append("n/a" if rgq[n] == "-" else (str(rg["hits"]) if rg else "—"))
        out.append(f"| {n} | {t} | " + " | ".join(cells) + " |")
    out.append("")
    threads = next((r.get("threads") for (t, _), r in warm.items() if t == "budgetsearch"), None)
    out.append("Latency, ms: warm in process (median / p95; counts, and for ours also counting plus BM25 "
               f"top 10, on {threads or '?'} threads per query as `search` runs by default, and counting on one "
               "thread; FTS5 and Tantivy (Python) search on one) and median per fresh process (counts, ours "
               "on the default threads):\n")
    out.append("| query | ours warm | ours warm top 10 | ours warm, 1 thread | FTS5 warm | Tantivy warm | ours fresh | sqlite3 fresh | Tantivy fresh (python) | rg fresh |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        cells = []
        for tool in ("budgetsearch", "budgetsearch-top10", "budgetsearch-1thread", "sqlite", "tantivy"):
            w = warm.get((tool, n))
            cells.append(f"{fmt_ms(w['median_us'])} / {fmt_ms(w['p95_us'])}" if w else "—")
        for tool in ("budgetsearch", "sqlite", "tantivy", "rg"):
            f = fresh.get((tool, n))
            cells.append(fmt_ms(f["median_us"]) if f else ("n/a" if tool == "rg" and rgq[n] == "-" else "—"))
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    out.append("")
    if disagreements:
        out.append("Disagreements with the truth:\n")
        out.extend(f"- {x}" for x in disagreements)
    else:
        out.append("No disagreements with the truth.")
    print("\n".join(out))


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd, rest = a[0], a[1:]
    if cmd == "records":
        cmd_records(*rest)
    elif cmd == "truth":
        cmd_truth(*rest)
    elif cmd == "sqlite-build":
        cmd_sqlite_build(*rest)
    elif cmd == "tantivy-build":
        cmd_tantivy_build(*rest)
    elif cmd == "sqlite-query":
        cmd_sqlite_query(rest[0], rest[1], int(rest[2]))
    elif cmd == "tantivy-query":
        cmd_tantivy_query(rest[0], rest[1], int(rest[2]))
    elif cmd == "tantivy-once":
        cmd_tantivy_once(*rest)
    elif cmd == "report":
        cmd_report(*rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
