"""Check a published draw selection yourself (自行核验抽查名单) — needs only Python 3, nothing else.

It recomputes one task's selection from the published seed and pool, exactly as the rules say (docs/draw-v1.md
and docs/draw-v2.md §3–§4; plan.json names the version), and compares it with the published result:

  1. seed = SHA-256 over the freeze hash and the public random values (so nobody could choose it);
  2. every target in the task's scope gets the key H("draw-v1/rank", seed, key_scope, entity_id) — the same
     hash label in both versions; in draw-v2 a target may have several categories (labels separated by spaces)
     and is in the scope of a task when any of them matches;
  3. in each risk class the targets with the smallest keys are selected, the next ones are the reserve.

Usage (files from the published evidence folder):

    python3 verify_selection.py --pool pool.tsv --plan plan.json --result result.json --task "2024-01 公共场所卫生"

A business that has been told its own class and that class's cutoff key (on request: classes are internal and
are never published) can check its own status with the published seed:

    python3 verify_selection.py --seed <seed hex> --key-scope 2024 --id 91130600MA0XXXXXXX

and compare the key printed with the cutoff key it was told: selected if and only if key ≤ cutoff.
Exit code 0: everything agrees; 1: a difference (printed).
"""

import argparse
import hashlib
import json
import sys
from fractions import Fraction


def H(label, *fields):
    """SHA-256 over each field preceded by its length in 4 bytes (big-endian); strings as UTF-8."""
    data = b""
    for field in (label, *fields):
        if isinstance(field, str):
            field = field.encode("utf-8")
        data += len(field).to_bytes(4, "big") + field
    return hashlib.sha256(data).digest()


def read_pool(path):
    """pool.tsv: entity_id, risk class, category, area — one target per line, separated by TAB."""
    with open(path, encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def categories(target, spec):
    """The category labels of a target: the whole field in draw-v1; in draw-v2 the labels separated by spaces."""
    if spec == "draw-v1":
        return [target[2]]
    return target[2].split(" ") if target[2] else []


def sizes(alloc, counts, labels):
    """How many to draw in each class (docs/draw-v1.md §4.3), in whole numbers only."""
    if alloc["mode"] == "rate":
        n = {}
        for h in labels:
            rate = Fraction(alloc["rates"][h])
            k = (rate.numerator * counts[h] + rate.denominator - 1) // rate.denominator  # round up
            if counts[h] > 0 and h in alloc.get("min", {}):
                k = max(k, alloc["min"][h])
            if h in alloc.get("max", {}):
                k = min(k, alloc["max"][h])
            n[h] = min(k, counts[h])
        return n
    total = alloc["n"]
    non_empty = [h for h in labels if counts[h] > 0]
    n = dict.fromkeys(labels, 0)
    if alloc.get("min1", True) and total >= len(non_empty):
        for h in non_empty:
            n[h] = 1
        weight = {h: max(counts[h] - 1, 0) for h in labels}
        m = total - len(non_empty)
    else:
        weight = dict(counts)
        m = total
    w = sum(weight.values())
    if m > 0 and w > 0:
        for h in labels:
            n[h] += m * weight[h] // w
        left = m - sum(m * weight[h] // w for h in labels)
        by_remainder = sorted(labels, key=lambda h: (-(m * weight[h] % w), -counts[h], h.encode()))
        for h in by_remainder[:left]:
            n[h] += 1
    return n


def recompute(pool, plan, task, seed):
    """The strata of one task: [(class, N, n, selected [(id, key hex)], reserve [id])]."""
    flt = task.get("filter", {})
    ind, reg = tuple(flt.get("industry_prefix", [])), tuple(flt.get("region_prefix", []))
    spec = plan["spec"]
    scope = [e for e in pool
             if (not ind or any(c.startswith(ind) for c in categories(e, spec))) and (not reg or e[3].startswith(reg))]
    labels = {e[1] for e in scope}
    if task["alloc"]["mode"] == "rate":
        labels |= set(task["alloc"]["rates"])
    labels = sorted(labels, key=lambda h: h.encode())
    counts = {h: sum(1 for e in scope if e[1] == h) for h in labels}
    n = sizes(task["alloc"], counts, labels)
    key_scope = task.get("key_scope", task["task_id"])
    out = []
    for h in labels:
        ranked = sorted((H("draw-v1/rank", seed, key_scope, e[0]), e[0].encode(), e[0]) for e in scope if e[1] == h)
        selected = [(eid, key.hex()) for key, _, eid in ranked[: n[h]]]
        reserve = [eid for _, _, eid in ranked[n[h] : n[h] + plan.get("reserve", 0)]]
        out.append((h, counts[h], n[h], selected, reserve))
    return out


def check_task(args):
    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    with open(args.result, encoding="utf-8") as f:
        result = json.load(f)
    seed = bytes.fromhex(result["seed"])
    problems = []
    values = [f"{r['type']}:{r['id']}:{r['value']}" for r in result["randomness"]]
    if H("draw-v1/seed", bytes.fromhex(result["freeze_hash"]), *values) != seed:
        problems.append("the published seed is not SHA-256 of the freeze hash and the random values")
    if args.seed and bytes.fromhex(args.seed) != seed:
        problems.append("the seed you gave differs from the one in result.json")
    task = next((t for t in plan["tasks"] if t["task_id"] == args.task), None)
    published = next((t for t in result["tasks"] if t["task_id"] == args.task), None)
    if task is None or published is None:
        print(f"task not found: {args.task}")
        return 1
    mine = recompute(read_pool(args.pool), plan, task, seed)
    theirs = {s["stratum"]: s for s in published["strata"]}
    print(f"task {args.task}: seed {seed.hex()}")
    for h, big_n, n, selected, reserve in mine:
        s = theirs.get(h)
        print(f"  class {h}: {n} of {big_n} selected: {' '.join(eid for eid, _ in selected) or '-'}")
        if s is None:
            problems.append(f"class {h} is missing from the published result")
            continue
        if (s["N"], s["n"]) != (big_n, n):
            problems.append(f"class {h}: published N={s['N']} n={s['n']}, recomputed N={big_n} n={n}")
        if [(x["id"], x["key"]) for x in s["selected"]] != selected:
            problems.append(f"class {h}: the published selection differs from the recomputed one")
        if s["reserve"] != reserve:
            problems.append(f"class {h}: the published reserve list differs from the recomputed one")
    if len(theirs) != len(mine):
        problems.append("the published result has a different number of classes")
    for p in problems:
        print("DIFFERENCE:", p)
    print("OK: the published selection agrees." if not problems else "NOT OK.")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description="Recompute a draw-v1 / draw-v2 selection from the seed and the pool.")
    parser.add_argument("--pool", help="pool.tsv of the evidence folder")
    parser.add_argument("--plan", help="plan.json of the evidence folder")
    parser.add_argument("--result", help="result.json (the published result)")
    parser.add_argument("--task", help="task_id, e.g. \"2024-01 公共场所卫生\"")
    parser.add_argument("--seed", help="the published seed (hex)")
    parser.add_argument("--key-scope", help="with --seed and --id: print the key of one target")
    parser.add_argument("--id", help="an entity_id (统一社会信用代码)")
    args = parser.parse_args()
    if args.seed and args.key_scope and args.id:
        print(H("draw-v1/rank", bytes.fromhex(args.seed), args.key_scope, args.id.upper()).hex())
        return 0
    if not (args.pool and args.plan and args.result and args.task):
        parser.error("give --pool, --plan, --result and --task (or --seed, --key-scope and --id)")
    return check_task(args)


if __name__ == "__main__":
    sys.exit(main())
