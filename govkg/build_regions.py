"""Build data/regions/china.csv, the national region table, from the adcode table the
``cpca`` package ships (MIT licence; the 2020 edition of the national statistics bureau's
division codes, cpca 0.5.5).

Run ``python -m govkg.build_regions`` (``make regions``) to refresh it after upgrading cpca.
Every province-, prefecture- and county-level division becomes one row with its 6-digit code,
name, short name, level, parent code and path from the province down. The parent is derived
from the code: a county's prefecture is its first four digits + 00 where that division exists,
else its province (districts of municipalities, counties directly under a province).
The table is the divisions as they stand in its edition: the names a division had before
(吴江市 before it became 苏州市吴江区 in 2012) are not in cpca's table and not yet in govkg.
"""

from __future__ import annotations

import csv
import importlib.resources
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "regions" / "china.csv"
# Suffixes that make a name a division's full name; the short name is what is left.
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)


def _nations() -> list[str]:
    res = importlib.resources.files("cpca") / "resources" / "56_nations.csv"
    names = [n.strip() for n in res.read_text(encoding="utf-8").splitlines() if n.strip()]
    # 'X族' and the bare 'X' (as in 广西壮族自治区, 湘西土家族苗族自治州)
    return sorted({n for name in names for n in (name, name.removesuffix("族"))}, key=len, reverse=True)


def short_name(name: str, nations: list[str]) -> str:
    s = name
    for suf in _SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            s = s[: -len(suf)]
            break
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        changed = True
        while changed:
            changed = False
            for n in nations:
                if s.endswith(n) and len(s) - len(n) >= 2:
                    s = s[: -len(n)]
                    changed = True
                    break
        if s.endswith("族") and len(s) > 2:  # 鄂温克族自治旗: the people's name is the place's
            s = s[:-1]
    return s


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def build() -> list[dict[str, str]]:
    res = importlib.resources.files("cpca") / "resources" / "adcodes.csv"
    rows: dict[str, str] = {}
    with res.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["adcode"][:6]
            name = r["name"].strip()
            if not re.fullmatch(r"\d{6}", code) or name in ("市辖区", "县") or "直辖" in name:
                continue
            rows[code] = name
    nations = _nations()
    out: list[dict[str, str]] = []
    for code in sorted(rows):
        level = level_of(code)
        parent = ""
        if level == "prefecture":
            parent = code[:2] + "0000"
        elif level == "county":
            pref = code[:4] + "00"
            parent = pref if pref in rows else code[:2] + "0000"
        path: list[str] = [rows[code]]
        p = parent
        while p:
            path.insert(0, rows[p])
            p = "" if level_of(p) == "province" else p[:2] + "0000"
        out.append(
            {
                "code": code,
                "name": rows[code],
                "short": short_name(rows[code], nations),
                "level": level,
                "parent": parent if parent in rows else "",
                "path": "/".join(dict.fromkeys(path)),
            }
        )
    return out


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["code", "name", "short", "level", "parent", "path"])
        w.writeheader()
        w.writerows(rows)
    sys.stderr.write(f"{OUT}: {len(rows)} regions\n")


if __name__ == "__main__":
    main()
