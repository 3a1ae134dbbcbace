"""Copy the illustrations DIVA uses out of Fluent Emoji Flat (MIT) into assets/illustrations.

    npm pack @iconify-json/fluent-emoji-flat && tar xzf iconify-json-fluent-emoji-flat-*.tgz
    python assets/tools/extract_illustrations.py package/icons.json

It takes every picture named by content/places.yaml and the scenarios (places, looks, objects),
plus the faces and pictures the game itself shows (EXTRA), and nothing else.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "illustrations"
# the reply screen's expressions, the end-of-scenario celebration, the hub's finished mark
EXTRA = {"slightly-smiling-face", "astonished-face", "worried-face", "party-popper", "sparkles", "glowing-star",
         "deciduous-tree", "evergreen-tree", "sun"}


def names_used() -> set[str]:
    names = set(EXTRA)
    places = yaml.safe_load((ROOT / "content" / "places.yaml").read_text(encoding="utf-8"))["places"]
    names.update(p["picture"] for p in places)
    for path in (ROOT / "content" / "scenarios").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.update(c["look"] for c in data["characters"] if c.get("look"))
        for step in data["steps"]:
            names.update(step.get("scene", {}).get("objects", []))
    return names


def main(icons_json: str) -> int:
    pack = json.loads(Path(icons_json).read_text(encoding="utf-8"))
    size = (pack.get("width", 16), pack.get("height", 16))
    missing = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name in sorted(names_used()):
        icon = pack["icons"].get(name) or pack["icons"].get(pack.get("aliases", {}).get(name, {}).get("parent", ""))
        if not icon:
            missing.append(name)
            continue
        w, h = icon.get("width", size[0]), icon.get("height", size[1])
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
               f'{icon["body"]}</svg>\n')
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
    for name in missing:
        print(f"not in the set: {name}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "package/icons.json"))
