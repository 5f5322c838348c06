"""The architecture figures of docs/architecture.md, measured again: `make figures`.

Function length is lizard's NLOC (lines of code: blank and comment lines not counted) and
complexity its cyclomatic number; lizard is installed by `make figures` and is not a requirement
of the product. Module size is the count of non-blank lines. Measured over the
product apps (every top-level package with an apps.py, bench excepted) without migrations, and
over the tooling (bench, config) in a column of its own. Prints a markdown table, then the
functions and modules over the limits, so they can be found.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import lizard

ROOT = Path(__file__).resolve().parent.parent
TOOLING = ("bench", "config")
MAX_LENGTH = 50  # lines of code per function
MAX_CCN = 15  # cyclomatic complexity per function
MAX_MODULE = 400  # non-blank lines per module


@dataclass
class Figures:
    lengths: list[int] = field(default_factory=list)
    long_functions: list[str] = field(default_factory=list)
    complex_functions: list[str] = field(default_factory=list)
    ccn_max: int = 0
    big_modules: list[str] = field(default_factory=list)

    def add(self, path: Path) -> None:
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if sum(1 for line in text.splitlines() if line.strip()) > MAX_MODULE:
            self.big_modules.append(rel)
        for fn in lizard.analyze_file.analyze_source_code(str(path), text).function_list:
            ccn = fn.cyclomatic_complexity
            where = f"{rel}:{fn.start_line} {fn.name} ({fn.nloc} lines, CCN {ccn})"
            self.lengths.append(fn.nloc)
            self.ccn_max = max(self.ccn_max, ccn)
            if fn.nloc > MAX_LENGTH:
                self.long_functions.append(where)
            if ccn > MAX_CCN:
                self.complex_functions.append(where)

    @property
    def p90(self) -> int:
        """Nearest-rank 90th percentile of function length."""
        ordered = sorted(self.lengths)
        return ordered[math.ceil(0.9 * len(ordered)) - 1] if ordered else 0


def product_apps() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py") if p.parent.name not in TOOLING)


def measure(packages: list[str]) -> Figures:
    figures = Figures()
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                figures.add(path)
    return figures


def table(product: Figures, tooling: Figures) -> str:
    rows = [
        ("function length p90 (lines)", product.p90, tooling.p90),
        (
            f"functions over {MAX_LENGTH} lines",
            len(product.long_functions),
            len(tooling.long_functions),
        ),
        ("cyclomatic complexity max", product.ccn_max, tooling.ccn_max),
        (
            f"modules over {MAX_MODULE} non-blank lines",
            len(product.big_modules),
            len(tooling.big_modules),
        ),
        ("functions measured", len(product.lengths), len(tooling.lengths)),
    ]
    lines = ["| figure | product apps | tooling (bench, config) |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {a} | {b} |" for name, a, b in rows]
    return "\n".join(lines)


def offenders(figures: Figures) -> list[str]:
    return [
        *(f"- long: {w}" for w in figures.long_functions),
        *(f"- complex: {w}" for w in figures.complex_functions),
        *(f"- big module: {m}" for m in figures.big_modules),
    ]


def main() -> None:
    apps = product_apps()
    product, tooling = measure(apps), measure(list(TOOLING))
    out = [f"Product apps: {', '.join(apps)}", "", table(product, tooling), ""]
    out += offenders(product) + offenders(tooling)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
