"""Write a plan file (docs/import-format.md) of about N nodes, modelled on the seed plan.

    python bench/generate_plan.py 2000 -o /tmp/plan-2000.json

The plan node, its adoption (`workflow`), the pillars and the financial years are the seed's;
the values are cycled from the seed's and repeated until the file holds about N nodes, each with
strategic objectives (serving a pillar), operational objectives under them and indicators with
baselines, targets and dated measurements; one priority project per 50 nodes serves a value and
an objective. Ids are unique in the file. Standard library only; deterministic (no randomness).
"""

from pathlib import Path

import argparse
import copy
import json
import sys


SEED = Path(__file__).resolve().parent.parent / "src/imio/strategicplan/data/plan-imio-2020-2022.json"
# nodes under one value: the value, 3 strategic objectives (1 indicator each), each with
# 2 operational objectives (1 indicator each)
STRATEGIC, OPERATIONAL = 3, 2
PER_VALUE = 1 + STRATEGIC * (2 + OPERATIONAL * 2)
NODES_PER_PROJECT = 50
HEALTH = ("on_track", "on_track", "at_risk", "blocked", "paused")
FREQUENCY = ("yearly", "quarterly", "semiannual", "monthly")
UNITS = ("nombre", "%", "€", "jours")
STATUS = ("planned", "in_progress", "in_progress", "done", "suspended")


def indicator(node_id, title, k):
    """An indicator with a baseline, a target per year and four dated measurements."""
    direction = "lower" if k % 4 == 3 else "higher"
    base = 100.0 + k % 37
    step = -3.0 if direction == "lower" else 4.0
    return {
        "@type": "Indicator",
        "id": node_id,
        "source": "§6 (généré)",
        "title": title,
        "description": "Indicateur généré pour le banc d'essai.",
        "unit": UNITS[k % len(UNITS)],
        "direction": direction,
        "baseline": base,
        "baseline_year": 2019,
        "targets": [{"year": y, "value": base + step * (y - 2019) * 2} for y in range(2020, 2027)],
        "frequency": FREQUENCY[k % len(FREQUENCY)],
        "measurements": [
            {
                "date": f"{2020 + q}-{(k % 12) + 1:02d}-15",
                "value": base + step * (q + 1) * (1 + k % 3) / 2,
                "comment": "mesure trimestrielle" if q % 2 else None,
            }
            for q in range(4)
        ],
    }


def objective(node_id, title, kind, k, pillar_ids, items):
    return {
        "@type": "Objective",
        "id": node_id,
        "source": "§6 (généré)",
        "title": title,
        "description": "Objectif généré pour le banc d'essai.",
        "kind": kind,
        "pillars": [pillar_ids[k % len(pillar_ids)]] if kind == "strategic" else [],
        "responsible": f"Service {k % 9 + 1}",
        "planned_start": "2020-01-01",
        "planned_end": f"{2021 + k % 2}-12-31",
        "health": HEALTH[k % len(HEALTH)],
        "progress": (k * 7) % 101,
        "items": items,
    }


def value_block(v, seed_value, pillar_ids):
    """One value and everything under it (PER_VALUE nodes)."""
    items = []
    for s in range(STRATEGIC):
        k = v * STRATEGIC + s
        sid = f"objectif-{v}-{s}"
        children = [indicator(f"indicateur-{v}-{s}", f"Indicateur {v}.{s}", k)]
        for o in range(OPERATIONAL):
            oid = f"{sid}-{o}"
            ko = k * OPERATIONAL + o
            children.append(
                objective(
                    oid,
                    f"Objectif opérationnel {v}.{s}.{o}",
                    "operational",
                    ko,
                    pillar_ids,
                    [indicator(f"indicateur-{v}-{s}-{o}", f"Indicateur {v}.{s}.{o}", ko)],
                )
            )
        items.append(objective(sid, f"Objectif stratégique {v}.{s}", "strategic", k, pillar_ids, children))
    node = {key: val for key, val in seed_value.items() if key != "items"}
    node.update(id=f"valeur-{v}", title=f"{seed_value['title']} ({v})", items=items)
    return node


def project(p, value_id, objective_id, seed_project):
    node = {key: val for key, val in seed_project.items() if key != "items"}
    node.update(
        id=f"projet-{p}",
        title=f"{seed_project['title']} ({p})",
        served=[value_id, objective_id],
        lead=f"Équipe {p % 7 + 1}",
        status=STATUS[p % len(STATUS)],
        budget=10000.0 * (p % 20 + 1),
    )
    return node


def generate(n, seed=None):
    """The plan file's data with about ``n`` nodes."""
    seed = seed or json.loads(SEED.read_text(encoding="utf-8"))
    plan = copy.deepcopy(seed["plan"])
    by_type = {}
    for item in plan["items"]:
        by_type.setdefault(item["@type"], []).append(item)
    pillars, years = by_type["Pillar"], by_type["FinancialYear"]
    pillar_ids = [p["id"] for p in pillars]
    fixed = 1 + len(pillars) + len(years)
    n_values = max(1, round((n - fixed) / (PER_VALUE + PER_VALUE / NODES_PER_PROJECT)))
    n_projects = max(1, (n_values * PER_VALUE) // NODES_PER_PROJECT)
    values = [value_block(v, by_type["Value"][v % len(by_type["Value"])], pillar_ids) for v in range(n_values)]
    projects = [
        project(
            p,
            f"valeur-{p % n_values}",
            f"objectif-{p % n_values}-0",
            by_type["PriorityProject"][p % len(by_type["PriorityProject"])],
        )
        for p in range(n_projects)
    ]
    plan.update(id=f"plan-banc-{n}", title=f"Plan Stratégique (banc d'essai, {n} nœuds)", reference=f"BENCH-{n}")
    plan["items"] = pillars + values + projects + years
    return {"format": seed["format"], "format_version": seed["format_version"], "plan": plan}


def count(node):
    return 1 + sum(count(child) for child in node.get("items", []))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write a plan file of about N nodes (the import format).")
    parser.add_argument("nodes", type=int, help="about how many nodes (plan and items)")
    parser.add_argument("-o", "--output", required=True, help="the JSON file to write")
    args = parser.parse_args(argv)
    data = generate(args.nodes)
    Path(args.output).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{args.output}: {count(data['plan'])} nodes (plan {data['plan']['id']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
