"""Fit the gradient-boosted tree correction (_trees.py) on a block dump, cross-fitted by halves.

    python benchmarks/fit_trees.py rows /tmp/me/dump /tmp/me/rows.pkl
    python benchmarks/fit_trees.py cv /tmp/me/dump /tmp/me/rows.pkl --base /tmp/me/base.json
    python benchmarks/fit_trees.py write /tmp/me/rows.pkl --out /tmp/me/trees.py

``rows`` reads a dump written by ``replay.py dump`` and keeps, per page with a text truth,
the inputs of every block (``_trees.tree_inputs``: its smoothed log-odds, its
neighbours', its measurements, the page's statistics and declared type) and its target as
tune.py derives it (most of its word trigrams in the truth). ``cv`` fits one ensemble on
the even ids of every set and one on the odd ids (LightGBM, ``pip install -e .[tune]``,
boosting from the smoothed log-odds, blocks weighed as tune.py weighs them), replays each
half's pages with the ensemble fitted on the other half, and prints the replay's table
against ``--base`` (a bench JSON of the same code without trees): every figure in it is
held out. ``write`` fits on all pages and writes the ensemble as data (flat tuples).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _trees import INPUTS, Trees, tree_inputs, with_trees
from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._metrics import tokens
from boilerstrip._bench._report import page_record
from boilerstrip._combine import decide, relabel
from boilerstrip._cut import predicted_threshold
from boilerstrip._described import with_description
from replay import compare, dumped_sets, id_half, load, shards
from tune import block_targets

Row = tuple[str, str, np.ndarray, np.ndarray, np.ndarray]  # key, set, inputs, targets, words
Types = frozenset[str] | None  # the declared page types the trees correct (None: all)


def _truths(dump: Path) -> dict[str, str]:
    return {p.key: p.truth for ps in dumped_sets(dump).values() for p in ps if p.truth is not None}


def _shard_rows(job: tuple[Path, dict[str, str]]) -> list[Row]:
    shard, truths = job
    out = []
    for page in load(shard):
        truth = truths.get(page.key)
        if truth is None or page.error or not page.blocks:
            continue
        x = np.array(tree_inputs(page.blocks, page.probabilities, page.declared), dtype=float)
        y = np.array(block_targets([tokens(b.text) for b in page.blocks], truth), dtype=float)
        w = np.array([b.features.words for b in page.blocks], dtype=float)
        out.append((page.key, page.key.split("/")[0], x, y, w))
    return out


def build_rows(dump: Path, jobs: int) -> list[Row]:
    truths = _truths(dump)
    with ProcessPoolExecutor(jobs) as pool:
        return [r for rows in pool.map(_shard_rows, [(s, truths) for s in shards(dump)]) for r in rows]


def _is_even(key: str) -> bool:
    """replay.py's halves, so that a held-out figure here and a rule's halves there agree
    (an id without digits, most of trafilatura-eval's, splits by its MD5)."""
    return id_half(key.split("/", 1)[1]) == "even"


def sample_weights(rows: Sequence[Row], scheme: str = "sqrt") -> np.ndarray:
    """tune.py's weights: a page's blocks by words + 1 summing to the page's weight, a
    page weighing sqrt(set size) / set size (``scheme`` "pages": every page the same)."""
    sizes = Counter(r[1] for r in rows)
    out = []
    for _key, name, _x, _y, w in rows:
        share = (w + 1.0) / (w.sum() + len(w))
        out.append(share * (math.sqrt(sizes[name]) / sizes[name] if scheme == "sqrt" else 1.0))
    return np.concatenate(out)


def fit(rows: Sequence[Row], params: dict[str, Any]) -> Trees:
    """One ensemble boosted from the rows' own log-odds (input 0)."""
    import lightgbm as lgb  # the tune extra: only this script needs it

    x = np.vstack([r[2] for r in rows])  # a copy: the rows stay as they are
    y = np.concatenate([r[3] for r in rows])
    s = sample_weights(rows, params.pop("set_weight"))
    doubt = params.pop("doubt")
    own = 1.0 / (1.0 + np.exp(-x[:, 0]))
    chosen = (own >= doubt) & (own <= 1.0 - doubt)  # only the blocks the trees will correct
    types = params.pop("types")
    if types is not None:
        declared = np.array([_declared(row) for row in x], dtype=object)
        chosen &= np.isin(declared, list(types))
    x, y, s = x[chosen], y[chosen], s[chosen]
    s = s / s.mean()
    rounds = int(params.pop("rounds"))
    drop = tuple(params.pop("drop"))
    dropped = [i for i, n in enumerate(INPUTS) if n.startswith(drop)]
    x[:, dropped] = 0.0  # a constant input is never split on
    data = lgb.Dataset(x, y, weight=s, init_score=x[:, 0], free_raw_data=False)
    booster = lgb.train(
        {"objective": "binary", "verbose": -1, "deterministic": True, "num_threads": 2, "seed": 0, **params},
        data,
        num_boost_round=rounds,
    )
    return to_trees(booster.dump_model())


_DECLARED_AT = [(i, n.removeprefix("declared_")) for i, n in enumerate(INPUTS) if n.startswith("declared_")]


def _declared(row: np.ndarray) -> str:
    return next((name for i, name in _DECLARED_AT if row[i]), "")


def _types(text: str) -> frozenset[str] | None:
    return None if text == "all" else frozenset("" if t == "-" else t for t in text.split(","))


def to_trees(model: dict[str, Any]) -> Trees:
    """LightGBM's dump as flat arrays (x <= threshold goes left; the inputs have no NaN)."""
    roots: list[int] = []
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []

    def add(node: dict[str, Any]) -> int:
        k = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if "leaf_value" in node:
            value[k] = float(node["leaf_value"])
            return k
        if node["decision_type"] != "<=":
            raise ValueError(f"unexpected split {node['decision_type']}")
        feature[k] = int(node["split_feature"])
        threshold[k] = float(node["threshold"])
        left[k] = add(node["left_child"])
        right[k] = add(node["right_child"])
        return k

    for tree in model["tree_info"]:
        roots.append(add(tree["tree_structure"]))
    return Trees(tuple(roots), tuple(feature), tuple(threshold), tuple(left), tuple(right), tuple(value))


def _texts(job: tuple[Path, Trees, Trees, float, Types, bool, float]) -> dict[str, str]:
    """Each page of a shard replayed with the trees fitted on the other half; with
    ``same_cut``, the "predicted" decision's threshold is the one chosen on the
    probabilities without the trees."""
    shard, even_trees, odd_trees, doubt, types, same_cut, min_margin = job
    options = Options()
    out = {}
    for p in load(shard):
        if p.error:
            out[p.key] = ""
            continue
        trees = odd_trees if _is_even(p.key) else even_trees
        probabilities = with_trees(
            p.blocks,
            p.probabilities,
            trees,
            declared=p.declared,
            doubt=doubt,
            types=types,
            min_margin=min_margin,
        )
        chosen = options
        if same_cut:  # a one-candidate cut model: the threshold chosen without the trees
            words = [b.features.words for b in p.blocks]
            cut = predicted_threshold(p.probabilities, words, options.cut_model)
            chosen = replace(options, cut_model=((cut, (0.0,) * len(options.cut_model[0][1])),))
        address = p.metadata.canonical_url.value
        labels = decide(p.blocks, probabilities, chosen, declared=p.declared, address=address)
        blocks = relabel(list(p.blocks), labels, probabilities, p.table)
        out[p.key] = layout(with_description(blocks, p.declared, p.metadata, options))
    return out


def replay_held_out(
    dump: Path,
    halves: tuple[Trees, Trees],
    doubt: float,
    types: Types,
    jobs: int,
    *,
    same_cut: bool = False,
    min_margin: float = 0.0,
) -> dict[str, dict[str, Any]]:
    """Each page replayed with the trees fitted on the other half (``halves``: the trees
    fitted on the even ids, on the odd ids)."""
    even_trees, odd_trees = halves
    pages = {p.key: p for ps in dumped_sets(dump).values() for p in ps}
    records: dict[str, dict[str, Any]] = {}
    jobs_ = sorted(
        ((s, even_trees, odd_trees, doubt, types, same_cut, min_margin) for s in shards(dump)),
        key=lambda j: -j[0].stat().st_size,
    )
    with ProcessPoolExecutor(jobs) as pool:
        for texts in pool.map(_texts, jobs_):
            records.update({k: page_record(pages[k], t, 0.0, "ok") for k, t in texts.items()})
    return records


def _params(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "rounds": args.trees,
        "max_depth": args.depth,
        "num_leaves": 2**args.depth,
        "learning_rate": args.rate,
        "min_data_in_leaf": args.min_leaf,
        "lambda_l2": args.l2,
        "feature_fraction": args.feature_fraction,
        "drop": [d for d in args.drop.split(",") if d],
        "doubt": args.doubt,
        "set_weight": args.set_weight,
        "types": _types(args.types),
    }


def write_trees(path: Path, trees: Trees, summary: str) -> None:
    """The ensemble as a data module of flat tuples (the fields of ``_trees.Trees``)."""
    lines = [
        f'"""Tree ensemble written by benchmarks/fit_trees.py; do not edit.\n\n{summary}\n"""',
        "",
        "from __future__ import annotations",
        "",
    ]
    for name in Trees._fields:
        values = getattr(trees, name)
        kind = "float" if name in ("threshold", "value") else "int"
        lines.append(f"{name.upper()}: tuple[{kind}, ...] = ({', '.join(map(repr, values))},)")
    path.write_text("\n".join(lines) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rows_ = commands.add_parser("rows", help="the blocks' inputs and targets, from a dump")
    rows_.add_argument("dump", type=Path)
    rows_.add_argument("out", type=Path)
    rows_.add_argument("--jobs", type=int, default=2)
    for name in ("cv", "write"):
        sub = commands.add_parser(name)
        if name == "cv":
            sub.add_argument("dump", type=Path)
        sub.add_argument("rows", type=Path)
        sub.add_argument("--trees", type=int, default=50)
        sub.add_argument("--depth", type=int, default=4)
        sub.add_argument("--rate", type=float, default=0.1)
        sub.add_argument("--min-leaf", type=int, default=200)
        sub.add_argument("--l2", type=float, default=1.0)
        sub.add_argument("--feature-fraction", type=float, default=1.0)
        sub.add_argument("--doubt", type=float, default=0.0, help="fit and correct only p in [D, 1-D]")
        sub.add_argument("--min-margin", type=float, default=0.0, help="apply only corrections this large")
        sub.add_argument("--same-cut", action="store_true", help="keep the cut chosen without the trees")
        sub.add_argument("--types", default="all", help="declared types corrected (article,-): - is none")
        sub.add_argument("--set-weight", choices=("sqrt", "pages"), default="sqrt")
        sub.add_argument("--drop", default="", help="inputs not used: comma-separated name prefixes")
        sub.add_argument("--base", type=Path, help="bench JSON of the same code without trees")
        sub.add_argument(
            "--out",
            type=Path,
            required=name == "write",
            help="cv: the held-out records (a bench JSON); write: the trees (a .py)",
        )
        sub.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "rows":
        rows = build_rows(args.dump, args.jobs)
        args.out.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
        blocks = sum(len(r[3]) for r in rows)
        print(f"{len(rows)} pages, {blocks} blocks, {len(INPUTS)} inputs", file=sys.stderr)
        return 0
    rows = pickle.loads(args.rows.read_bytes())
    if args.command == "write":
        trees = fit(rows, _params(args))
        summary = (
            f"{len(trees.roots)} trees of depth {args.depth} (learning rate {args.rate}, "
            f"{args.min_leaf} blocks a leaf at least), fitted on {len(rows)} pages."
        )
        write_trees(args.out, trees, summary)
        return 0
    even = fit([r for r in rows if _is_even(r[0])], _params(args))
    odd = fit([r for r in rows if not _is_even(r[0])], _params(args))
    types = _types(args.types)
    new = replay_held_out(
        args.dump,
        (even, odd),
        args.doubt,
        types,
        args.jobs,
        same_cut=args.same_cut,
        min_margin=args.min_margin,
    )
    if args.out:
        args.out.write_text(json.dumps({"extractors": {"boilerstrip": {"pages": new}}}), "utf-8")
    if args.base:
        base = json.loads(args.base.read_text("utf-8"))["extractors"]["boilerstrip"]["pages"]
        print(compare(dumped_sets(args.dump), base, new, 0), end="")
    used = Counter(INPUTS[f] for f in even.feature + odd.feature if f >= 0)
    print("inputs split on:", ", ".join(f"{n} {c}" for n, c in used.most_common(25)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
