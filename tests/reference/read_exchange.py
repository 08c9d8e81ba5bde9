#!/usr/bin/env python3
"""Reference reader of the station exchange file, format version 1.

Written from the specification alone (public/schema/station-exchange-v1.md) with Python's standard
library: it checks a file as the specification's section 7 says a reader must, recomputes its
checksum from the canonical form of what it parsed (section 3 and 4, not from the file's own bytes),
and prints the records per kind.

    python3 tests/reference/read_exchange.py FILE...

For each file it prints `OK <file>` and a line `<kind> <count>` per kind, or `REFUSED <file>: why`.
The exit status is 0 when every file was read, 1 when any was refused.
"""

import decimal
import hashlib
import json
import math
import re
import sys

FORMAT = "dangjian-station-exchange"
ENCRYPTED = "dangjian-station-exchange-encrypted"
VERSION = 1
MAX_STAMP = 2**53 - 1
STATION_ID = re.compile(r"[0-9a-f]{16}\Z")
RECORD_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
KIND = re.compile(r"[a-z0-9_]+\Z")
HEADER = ["format", "version", "app_version", "station", "scope", "created_ms", "created", "counts"]
RECORD_MEMBERS = {"id", "k", "o", "c", "t", "s", "d", "f"}
WRITE_MEMBERS = {"v", "t", "s", "r"}


class Refused(Exception):
    pass


# --- Section 3: the canonical form ---------------------------------------------------------

SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(text):
    out = ['"']
    for ch in text:
        if ch in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise Refused("a string holds a lone surrogate (not Unicode text)")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def number(n):
    if isinstance(n, int):
        return str(n)
    if math.isnan(n) or math.isinf(n):
        raise Refused("a number is not finite")
    if n == 0:
        return "-0.0" if math.copysign(1.0, n) < 0 else "0.0"
    # repr gives the fewest digits that read back to the same double.
    sign, digits, exponent = decimal.Decimal(repr(n)).as_tuple()
    digits = "".join(map(str, digits))
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    digits = stripped
    m = len(digits)
    n_exp = m + exponent  # the value is 0.d1d2...dm x 10^n_exp
    minus = "-" if sign else ""
    if -4 <= n_exp <= 16:
        if n_exp <= 0:
            return minus + "0." + "0" * (-n_exp) + digits
        if n_exp >= m:
            return minus + digits + "0" * (n_exp - m) + ".0"
        return minus + digits[:n_exp] + "." + digits[n_exp:]
    mantissa = digits[0] + ("." + digits[1:] if m > 1 else "")
    e = n_exp - 1
    return minus + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def value(v):
    """Any JSON value, objects with their members in increasing order of name."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, list):
        return "[" + ",".join(value(x) for x in v) + "]"
    return "{" + ",".join(string(k) + ":" + value(v[k]) for k in sorted(v)) + "}"


def members(pairs):
    return "{" + ",".join(string(k) + ":" + text for k, text in pairs) + "}"


def canonical_record(r):
    """The record as section 3 writes it, from its parsed fields: the common stamp found again."""
    fields = r["fields"]  # name -> [(value, stamp, station, replaced)], winner first
    counts = {}
    for writes in fields.values():
        for (_, stamp, station, _) in writes:
            counts[(stamp, station)] = counts.get((stamp, station), 0) + 1
    common = max(counts, key=lambda pair: (counts[pair], pair)) if counts else None

    def plain(writes):
        return len(writes) == 1 and (writes[0][1], writes[0][2]) == common and writes[0][3] == 0

    out = [("id", string(r["id"])), ("k", string(r["k"])), ("o", string(r["o"]))]
    out.append(("c", "{" + ",".join(string(s) + ":" + number(r["c"][s]) for s in sorted(r["c"])) + "}"))
    if common is not None:
        out += [("t", number(common[0])), ("s", string(common[1]))]
    d = [(name, value(fields[name][0][0])) for name in sorted(fields) if plain(fields[name])]
    if d:
        out.append(("d", members(d)))
    f = []
    for name in sorted(fields):
        if plain(fields[name]):
            continue
        writes = []
        for (v, stamp, station, replaced) in fields[name]:
            w = [("v", value(v))]
            if common is None or stamp != common[0]:
                w.append(("t", number(stamp)))
            if common is None or station != common[1]:
                w.append(("s", string(station)))
            if replaced != 0:
                w.append(("r", number(replaced)))
            writes.append(members(w))
        f.append((name, "[" + ",".join(writes) + "]"))
    if f:
        out.append(("f", members(f)))
    return members(out)


def canonical_header(h):
    station = h["station"]
    scope = h["scope"]
    scope_pairs = [("kind", string(scope["kind"]))]
    if scope["kind"] == "org":
        scope_pairs += [("org", string(scope["org"])), ("name", string(scope["name"]))]
    pairs = [
        ("format", string(h["format"])),
        ("version", number(h["version"])),
        ("app_version", string(h["app_version"])),
        ("station", members([("id", string(station["id"])), ("name", string(station["name"])),
                             ("level", string(station["level"]))])),
        ("scope", members(scope_pairs)),
        ("created_ms", number(h["created_ms"])),
        ("created", string(h["created"])),
        ("counts", "{" + ",".join(string(k) + ":" + number(h["counts"][k]) for k in sorted(h["counts"])) + "}"),
    ]
    return members(pairs)


# --- Section 2.1: what a record must satisfy ------------------------------------------------

def is_stamp(x):
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= MAX_STAMP


def is_station(x):
    return isinstance(x, str) and STATION_ID.match(x) is not None


def read_record(raw, number_in_file):
    where = "record %d" % number_in_file

    def refuse(why):
        rid = raw.get("id") if isinstance(raw, dict) else None
        raise Refused("%s (%s): %s" % (where, rid, why))

    if not isinstance(raw, dict):
        refuse("not an object")
    extra = set(raw) - RECORD_MEMBERS
    if extra:
        refuse("unknown members %s" % sorted(extra))
    for key in ("id", "k", "o", "c"):
        if key not in raw:
            refuse("no %s" % key)
    if not (isinstance(raw["id"], str) and RECORD_ID.match(raw["id"])):
        refuse("id is not a record id")
    if not (isinstance(raw["k"], str) and KIND.match(raw["k"])):
        refuse("k is not a kind")
    if not is_station(raw["o"]):
        refuse("o is not a station id")
    if not isinstance(raw["c"], dict) or not all(is_station(s) and is_stamp(t) for s, t in raw["c"].items()):
        refuse("c is not a map of station ids to stamps")
    t, s = raw.get("t"), raw.get("s")
    if t is not None and not is_stamp(t):
        refuse("t is not a stamp")
    if s is not None and not is_station(s):
        refuse("s is not a station id")
    fields = {}
    d = raw.get("d", {})
    f = raw.get("f", {})
    if not isinstance(d, dict) or not isinstance(f, dict):
        refuse("d or f is not an object")
    for name, v in d.items():
        if t is None or s is None:
            refuse("a plain field with no record stamp")
        fields[name] = [(v, t, s, 0)]
    for name, writes in f.items():
        if name in fields:
            refuse("a field is both in d and in f")
        if not isinstance(writes, list):
            refuse("the writes of %s are not a list" % name)
        out = []
        for w in writes:
            if not isinstance(w, dict) or "v" not in w or set(w) - WRITE_MEMBERS:
                refuse("a write of %s is malformed" % name)
            stamp = w.get("t", t)
            station = w.get("s", s)
            replaced = w.get("r", 0)
            if stamp is None or station is None:
                refuse("a write of %s has no stamp" % name)
            if not (is_stamp(stamp) and is_station(station) and is_stamp(replaced)):
                refuse("a write of %s has a bad stamp" % name)
            out.append((w["v"], stamp, station, replaced))
        fields[name] = out
    for name, writes in fields.items():
        if name == "":
            refuse("a field has no name")
        if not writes:
            refuse("the field %s has no writes" % name)
        if any(stamp == 0 for (_, stamp, _, _) in writes):
            refuse("a write of %s has the zero stamp" % name)
        ranks = [(stamp, station) for (_, stamp, station, _) in writes]
        if any(a <= b for a, b in zip(ranks, ranks[1:])):
            refuse("the writes of %s are out of order or repeat a stamp" % name)
        for (_, stamp, station, _) in writes:
            if raw["c"].get(station, 0) < stamp:
                refuse("a write of %s is newer than what the record has seen (c)" % name)
    return {"id": raw["id"], "k": raw["k"], "o": raw["o"], "c": raw["c"], "fields": fields}


# --- Sections 1, 4 and 7: the file ----------------------------------------------------------

def read_file(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("not UTF-8")
    try:
        top = json.loads(text)
    except json.JSONDecodeError as e:
        raise Refused("not JSON, or cut short: %s" % e)
    if not isinstance(top, dict):
        raise Refused("not a JSON object")
    if top.get("format") == ENCRYPTED:
        raise Refused("protected with a passphrase: open it first (this reader has no AES-GCM)")
    if top.get("format") != FORMAT:
        raise Refused("not a station exchange file")
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise Refused("no version")
    if version > VERSION:
        raise Refused("version %d: made by a newer program" % version)
    if version < VERSION:
        raise Refused("version %d: older versions are migrated by the app, not by this reader" % version)
    for key in HEADER + ["sha256", "records"]:
        if key not in top:
            raise Refused("no %s" % key)
    station, scope, counts = top["station"], top["scope"], top["counts"]
    if not (isinstance(station, dict) and is_station(station.get("id")) and isinstance(station.get("name"), str)
            and station.get("level") in ("Township", "Village")):
        raise Refused("the station is malformed")
    if not (isinstance(scope, dict) and (scope.get("kind") == "station" or (
            scope.get("kind") == "org" and isinstance(scope.get("org"), str) and RECORD_ID.match(scope["org"])
            and isinstance(scope.get("name"), str)))):
        raise Refused("the scope is malformed")
    if not (isinstance(counts, dict) and all(isinstance(n, int) and n >= 0 for n in counts.values())):
        raise Refused("the counts are malformed")
    if not (is_stamp(top["created_ms"]) and isinstance(top["created"], str) and isinstance(top["app_version"], str)):
        raise Refused("the header is malformed")
    if not isinstance(top["records"], list):
        raise Refused("records is not an array")
    records = [read_record(raw, i + 1) for i, raw in enumerate(top["records"])]
    records.sort(key=lambda r: r["id"])
    for a, b in zip(records, records[1:]):
        if a["id"] == b["id"]:
            raise Refused("the record %s is there twice" % a["id"])
    array = "[" + ",".join("\n" + canonical_record(r) for r in records) + "\n]"
    payload = canonical_header(top) + "\n" + array
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != top["sha256"]:
        raise Refused("the checksum does not match: the file was damaged or changed after it was made")
    found = {}
    for r in records:
        found[r["k"]] = found.get(r["k"], 0) + 1
    if found != counts:
        raise Refused("counts say %s, the records are %s" % (counts, found))
    return top, found


def main(paths):
    refused = False
    for path in paths:
        try:
            with open(path, "rb") as file:
                header, found = read_file(file.read())
        except Refused as why:
            print("REFUSED %s: %s" % (path, why))
            refused = True
            continue
        print("OK %s (%s, %s)" % (path, header["station"]["name"], header["scope"]["kind"]))
        for kind in sorted(found):
            print("%s %d" % (kind, found[kind]))
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
