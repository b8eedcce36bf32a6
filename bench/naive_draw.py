"""A straightforward reading of draw-v1 and draw-v2 (spec §1–§7), for the benchmark and the differential tests
only. The version is the one ``plan.json`` names; draw-v2 differs only in the industry field (labels separated by
spaces, a filter matching any of them).

It trusts its input to be canonical (the engine checks that), and does everything the obvious way: every
task hashes every target of its scope, and every slot scans every inspector and hashes every candidate.
It shares no code with ``addin.core.draw``, so that agreement between the two means something.

    python3 bench/naive_draw.py DIR      # prints the canonical result JSON, like ``ssj draw-v1 DIR`` / ``draw-v2``
"""

from __future__ import annotations

import hashlib
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any


def H(*fields: str | bytes) -> bytes:
    data = b""
    for f in fields:
        b = f.encode("utf-8") if isinstance(f, str) else f
        data += len(b).to_bytes(4, "big") + b
    return hashlib.sha256(data).digest()


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def read_tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").split("\n")[:-1]]


class Group:
    """One group being staffed: every slot scans the whole roster and hashes every candidate."""

    def __init__(self, group_id: str, members: list[str], req: dict[str, set[str]], seed: bytes,
                 roster: list[list[str]], load: dict[str, int], conflicts: set[tuple[str, str]],
                 team_conflicts: set[tuple[str, str]]) -> None:
        self.group_id, self.members, self.req, self.seed = group_id, members, req, seed
        self.roster, self.load, self.conflicts, self.team_conflicts = roster, load, conflicts, team_conflicts
        self.team: list[list[str]] = []
        self.slots: list[dict[str, Any]] = []

    def fits(self, r: list[str], dept: str | None, tag: str | None) -> bool:
        if dept is not None:
            return r[1] == dept and (tag is None or tag in r[2].split(","))
        return r[1] in self.req and (not self.req[r[1]] or bool(self.req[r[1]] & set(r[2].split(","))))

    def attempt(self, dept: str | None, tag: str | None) -> bool:
        s = len(self.slots)
        weight = len(self.members)
        cands = []
        for r in self.roster:
            if r in self.team or self.load[r[0]] + weight > int(r[3]):
                continue
            if any((r[0], e) in self.conflicts for e in self.members):
                continue
            if any((min(r[0], m[0]), max(r[0], m[0])) in self.team_conflicts for m in self.team):
                continue
            if not self.fits(r, dept, tag):
                continue
            cands.append((self.load[r[0]], H("draw-v1/pick", self.seed, self.group_id, str(s), r[0]), r))
        cands.sort(key=lambda c: (c[0], c[1]))
        if not cands:
            self.slots.append({"slot": s, "dept": dept, "tag": tag, "candidates": 0, "tied": 0, "inspector": None})
            return False
        best = cands[0]
        tied = sum(1 for c in cands if c[0] == best[0])
        self.team.append(best[2])
        self.load[best[2][0]] += weight
        self.slots.append({"slot": s, "dept": dept, "tag": tag, "candidates": len(cands), "tied": tied,
                           "inspector": best[2][0]})
        return True


def run(folder: Path) -> dict[str, Any]:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    randomness = json.loads((folder / "randomness.json").read_text(encoding="utf-8"))
    pool = read_tsv(folder / "pool.tsv")
    roster = read_tsv(folder / "roster.tsv")
    conflicts = {(r[0], r[1]) for r in read_tsv(folder / "conflicts.tsv")}
    team_conflicts = {(r[0], r[1]) for r in read_tsv(folder / "team_conflicts.tsv")}

    # §3 freeze and seed
    digests = {
        name: hashlib.sha256((folder / f"{name}.tsv").read_bytes()).hexdigest()
        for name in ("pool", "roster", "conflicts", "team_conflicts")
    }
    freeze = {"seq": 0, "prev": "0" * 64, "type": "freeze",
              "body": {"spec": plan["spec"], "plan": plan, "inputs": digests}}
    freeze_hash = hashlib.sha256(canonical_json(freeze)).hexdigest()
    seed = H("draw-v1/seed", bytes.fromhex(freeze_hash),
             *[f"{r['type']}:{r['id']}:{r['value']}" for r in randomness])

    # §4 target selection
    def labels_of(e: list[str]) -> list[str]:
        if plan["spec"] == "draw-v1":
            return [e[2]]
        return e[2].split(" ") if e[2] else []

    reserve_count = plan.get("reserve", 0)
    task_results = []
    selected_by: dict[str, list[str]] = {}
    tasks = sorted(plan["tasks"], key=lambda t: t["task_id"].encode())
    for task in tasks:
        flt = task.get("filter", {})
        ind = flt.get("industry_prefix") or []
        reg = flt.get("region_prefix") or []
        scope = [e for e in pool
                 if (not ind or any(label.encode().startswith(p.encode()) for p in ind for label in labels_of(e)))
                 and (not reg or any(e[3].encode().startswith(p.encode()) for p in reg))]
        alloc = task["alloc"]
        present = {e[1] for e in scope}
        labels = set(present)
        if alloc["mode"] == "rate":
            labels |= set(alloc["rates"])
        labels_sorted = sorted(labels, key=str.encode)
        N = {h: sum(1 for e in scope if e[1] == h) for h in labels_sorted}
        n: dict[str, int] = {}
        if alloc["mode"] == "rate":
            for h in labels_sorted:
                r = Fraction(alloc["rates"][h])
                p, q = r.numerator, r.denominator
                nh = (p * N[h] + q - 1) // q
                if N[h] > 0 and h in alloc.get("min", {}):
                    nh = max(nh, alloc["min"][h])
                if h in alloc.get("max", {}):
                    nh = min(nh, alloc["max"][h])
                n[h] = min(nh, N[h])
        else:
            total = alloc["n"]
            nonempty = [h for h in labels_sorted if N[h] > 0]
            n = dict.fromkeys(labels_sorted, 0)
            if alloc.get("min1", True) and total >= len(nonempty):
                for h in nonempty:
                    n[h] = 1
                w = {h: max(N[h] - 1, 0) for h in labels_sorted}
                m = total - len(nonempty)
            else:
                w = {h: N[h] for h in labels_sorted}
                m = total
            W = sum(w.values())
            if m > 0 and W > 0:
                for h in labels_sorted:
                    n[h] += m * w[h] // W
                left = m - sum(m * w[h] // W for h in labels_sorted)
                order = sorted(labels_sorted, key=lambda h: (-(m * w[h] % W), -N[h], h.encode()))
                for h in order[:left]:
                    n[h] += 1
        key_scope = task.get("key_scope", task["task_id"])
        strata = []
        for h in labels_sorted:
            members = [(H("draw-v1/rank", seed, key_scope, e[0]), e[0].encode(), e[0]) for e in scope if e[1] == h]
            members.sort()
            chosen = members[: n[h]]
            for m_ in chosen:
                selected_by.setdefault(m_[2], []).append(task["task_id"])
            strata.append({
                "stratum": h, "N": N[h], "n": n[h],
                "rate": alloc["rates"][h] if alloc["mode"] == "rate" else None,
                "cutoff_key": chosen[-1][0].hex() if chosen else None,
                "selected": [{"id": m_[2], "key": m_[0].hex()} for m_ in chosen],
                "reserve": [m_[2] for m_ in members[n[h]: n[h] + reserve_count]],
            })
        task_results.append({"task_id": task["task_id"], "key_scope": key_scope, "pool_size": len(scope),
                             "strata": strata})

    # §5 units and groups
    region = {e[0]: e[3] for e in pool}
    units = sorted(selected_by, key=str.encode)
    g = plan.get("group", {}).get("size", 1)
    L = plan.get("group", {}).get("region_prefix_len", 0)
    groups: list[tuple[str, list[str]]] = []
    if g <= 1:
        groups = [(e, [e]) for e in units]
    else:
        order = sorted(units, key=lambda e: (region[e][:L].encode(), H("draw-v1/unit", seed, e)))
        for e in order:
            if groups and len(groups[-1][1]) < g and region[groups[-1][1][0]][:L] == region[e][:L]:
                groups[-1][1].append(e)
            else:
                groups.append(("G:" + e, [e]))
    task_by_id = {t["task_id"]: t for t in plan["tasks"]}

    # §6 assignment
    team_size = plan.get("team_size", 2)
    load = {r[0]: 0 for r in roster}
    out_units = []
    for group_id, members in sorted(groups, key=lambda gm: H("draw-v1/unit", seed, gm[0])):
        gtasks = sorted({t for e in members for t in selected_by[e]}, key=str.encode)
        req: dict[str, set[str]] = {}
        for t in gtasks:
            req.setdefault(task_by_id[t]["dept"], set())
            if task_by_id[t].get("tag"):
                req[task_by_id[t]["dept"]].add(task_by_id[t]["tag"])
        ctx = Group(group_id, members, req, seed, roster, load, conflicts, team_conflicts)
        for d in sorted(req, key=str.encode):
            for t in sorted(req[d], key=str.encode) or [None]:
                if any(m[1] == d and (t is None or t in m[2].split(",")) for m in ctx.team):
                    continue
                ctx.attempt(d, t)
        while len(ctx.team) < team_size:
            if not ctx.attempt(None, None):
                break
        out_units.append({"unit_id": group_id, "entities": members, "tasks": gtasks, "team": ctx.slots})

    result: dict[str, Any] = {
        "spec": plan["spec"], "plan_id": plan["plan_id"], "freeze_hash": freeze_hash, "randomness": randomness,
        "seed": seed.hex(), "tasks": task_results, "units": out_units,
        "loads": {k: v for k, v in load.items() if v > 0},
    }
    result["result_digest"] = hashlib.sha256(canonical_json(result)).hexdigest()
    return result


def main() -> None:
    sys.stdout.buffer.write(canonical_json(run(Path(sys.argv[1]))) + b"\n")


if __name__ == "__main__":
    main()
