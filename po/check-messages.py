#!/usr/bin/env python3
"""Checks the translatable messages of the sources listed in po/POTFILES.in.

  1. No message is cut by a macro: a string literal inside _(), N_(), C_(),
     NC_() or ngettext() followed by a macro name (G_GUINT64_FORMAT...) makes
     xgettext extract only the part before the macro, so the message can
     never be translated.
  2. Every message with two or more placeholders has a translator comment
     (a comment starting "Translators:" just above the call).
  3. Every language in po/LINGUAS has a complete catalogue: msgfmt --check
     passes, and no message of the sources is missing, untranslated or fuzzy.

Usage: po/check-messages.py [SOURCE_ROOT]   (exit status 1 on any problem)
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
os.chdir(root)

problems = []

files = [l.strip() for l in open("po/POTFILES.in", encoding="utf-8")
         if l.strip() and not l.startswith("#")]

# 1. Messages cut by a macro.
CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(')
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')
for f in files:
    if not f.endswith((".c", ".h")):
        continue
    text = open(f, encoding="utf-8").read()
    for m in CALL.finditer(text):
        pos = m.end()
        # The first argument's string literals: literal, spaces, literal...
        # A name in between (a format macro) cuts what xgettext extracts.
        seen = False
        while True:
            pos += re.match(r'\s*', text[pos:]).end()
            lit = LITERAL.match(text, pos)
            if lit:
                seen = True
                pos = lit.end()
                continue
            ident = re.match(r'[A-Za-z_][A-Za-z0-9_]*', text[pos:])
            if seen and ident and re.match(r'\s*"', text[pos + ident.end():]):
                line = text.count("\n", 0, pos) + 1
                problems.append("%s:%d: %s inside a translatable string cuts the message"
                                % (f, line, ident.group(0)))
            break

# 2. Translator comments on messages with two or more placeholders.
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "pagewalk.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "-k_", "-kN_", "-kC_:1c,2",
                    "-kNC_:1c,2", "-kngettext:1,2", "-kg_dngettext:2,3",
                    "--add-comments=Translators", "--no-wrap",
                    "-f", "po/POTFILES.in", "-o", pot], check=True)
    entries = open(pot, encoding="utf-8").read().split("\n\n")
    PLACEHOLDER = re.compile(r'%(?:[0-9]+\$)?[-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|j|z|t)?[diouxXeEfgGcsp]')
    for e in entries[1:]:
        ids = re.findall(r'^msgid(?:_plural)? "(.*)"$', e, re.M)
        if not ids:
            continue
        count = max(len(PLACEHOLDER.findall(i.replace("%%", ""))) for i in ids)
        if count >= 2 and "#. Translators" not in e:
            where = re.findall(r'^#: (.*)$', e, re.M)
            problems.append("%s: \"%s\" has %d placeholders and no translator comment"
                            % (where[0].split()[0] if where else "?", ids[0][:60], count))

    # 3. Complete catalogues.
    linguas = []
    if os.path.exists("po/LINGUAS"):
        for l in open("po/LINGUAS", encoding="utf-8"):
            linguas += l.split("#")[0].split()
    for lang in linguas:
        po = "po/%s.po" % lang
        if not os.path.exists(po):
            problems.append("%s: listed in po/LINGUAS but missing" % po)
            continue
        r = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", po],
                           capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("%s: msgfmt --check fails:\n%s" % (po, r.stderr.strip()))
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot],
                       check=True)
        r = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", merged],
                           capture_output=True, text=True)
        stats = r.stderr.strip()
        if "untranslated" in stats or "fuzzy" in stats:
            problems.append("%s: not complete against the sources: %s" % (po, stats))
        else:
            print("%s: %s" % (po, stats))

for p in problems:
    print(p, file=sys.stderr)
if problems:
    print("%d problems" % len(problems), file=sys.stderr)
    sys.exit(1)
print("messages: no cut message, every message with 2+ placeholders has a translator comment")
