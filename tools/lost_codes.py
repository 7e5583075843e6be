#!/usr/bin/env python3
"""Which codes of C-CDA / C32 documents do not reach the record, grouped by where they sit.

usage: python3 tools/lost_codes.py BIN PATH [LIMIT]   (BIN: the built `bluebutton` command)

For every CDA file under PATH, every coded element inside an <entry> (has codeSystem and
code, no nullFlavor) whose code appears nowhere in `BIN parse FILE` as a "code" value is
counted under (element, parent element, nearest templated ancestor's templateId), with one
example file and code. The top LIMIT groups (default 40) are printed, most first. Codes a
template fixes (ASSERTION, CONC, SEV, 33999-4, ...) show up as large groups; real losses are
the others. A developer's tool, run by hand on public sample data; it is not part of CI.
"""

import collections
import json
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

V3 = "{urn:hl7-org:v3}"
SUFFIXES = (".xml", ".ccd", ".ccda", ".cda")


def record_codes(value, out):
    """Every string under a "code" key of the record's JSON."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "code" and isinstance(child, str):
                out.add(child)
            record_codes(child, out)
    elif isinstance(value, list):
        for child in value:
            record_codes(child, out)


def nearest_template(element, parents):
    node = parents.get(element)
    while node is not None:
        template = node.find(V3 + "templateId")
        if template is not None:
            return template.get("root")
        node = parents.get(node)
    return "?"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    groups, examples = collections.Counter(), {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SUFFIXES:
            continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        out = subprocess.run([binary, "parse", str(path)], capture_output=True)
        if out.returncode != 0:
            continue
        kept = set()
        record_codes(json.loads(out.stdout), kept)
        parents = {child: parent for parent in root.iter() for child in parent}
        for entry in root.iter(V3 + "entry"):
            for element in entry.iter():
                code = (element.get("code") or "").strip()
                if not code or not element.get("codeSystem") or element.get("nullFlavor"):
                    continue
                if code in kept:
                    continue
                parent = parents.get(element)
                key = (
                    element.tag.replace(V3, ""),
                    parent.tag.replace(V3, "") if parent is not None else "",
                    nearest_template(element, parents),
                )
                groups[key] += 1
                examples.setdefault(key, (path.name, code))
    for key, count in groups.most_common(limit):
        print(count, key, examples[key])


if __name__ == "__main__":
    main()
