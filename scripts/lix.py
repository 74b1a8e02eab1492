#!/usr/bin/env python3
"""LIX readability (Björnsson's läsbarhetsindex) of the Danish text our citizens read.

LIX = words / sentences + 100 * long words / words, where a long word has more than six
letters. Under 30 is very easy, 30-40 easy (most newspapers for all), 40-50 middle (factual
prose), 50-60 hard, over 60 very hard (legal text). Issue 19 sets the goal: at most 40 on every
citizen page and email, at most 45 for decision letters.

Reads what the browser tests rendered and sent:
  --pages DIR    the pages kept for the HTML checker (HTML_CHECK_DIR, with DIR.pages.tsv naming
                 each page's address); only the text in <main> counts, and only citizen pages
                 (staff pages and development pages are left out)
  --db FILE      the SQLite database of that run: the Danish half of every email in the outbox,
                 and every SMS

A sentence ends at . ! ? or : followed by a space or the end, and every heading, paragraph,
list item, table cell, label, button and link is a sentence of its own (a heading with no
full stop is still one). Numbers and dates are not words. Text a screen reader alone hears
(class="visually-hidden") counts, as people who hear the page read it too.

Prints one line per page address (pages seen several times are averaged over their text) and
per email subject, worst first, with the goal; exits 1 when any is over its goal and
--strict is given.
"""
import argparse
import html.parser
import os
import re
import sqlite3
import sys
from collections import defaultdict

BLOCKS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "label",
    "legend", "button", "a", "caption", "summary", "pre", "option", "div", "section",
}
SKIP = {"script", "style", "noscript", "template", "svg"}
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
SENTENCE_END = re.compile(r"[.!?:](?=\s|$)")

# Pages staff read, and the development pages; everything else a citizen or relative may read.
NOT_CITIZEN = ("/personale", "/dev/")
# A decision letter keeps its legal parts' words (goal 45).
LETTERS = ("/afgoerelse/",)


class MainText(html.parser.HTMLParser):
    """The text units (one per block element) inside <main>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip = 0
        self.units = []
        self.current = []

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.units.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCKS or tag == "br":
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCKS:
            self.flush()
        if tag == "main" and self.in_main:
            self.flush()
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main and not self.skip:
            self.current.append(data)


def counts(units):
    """(words, sentences, long words) of text units."""
    words = sentences = long_words = 0
    for unit in units:
        found = WORD.findall(unit)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if len(w.replace("-", "").replace("'", "")) > 6)
        ends = len(SENTENCE_END.findall(unit))
        # A unit is at least one sentence; text after the last full stop is one more.
        tail = not SENTENCE_END.search(unit.rstrip()[-1:] + " ")
        sentences += max(1, ends + (1 if tail and ends else 0))
    return words, sentences, long_words


def lix(words, sentences, long_words):
    if not words:
        return None
    return words / max(sentences, 1) + 100 * long_words / words


def email_units(body):
    """The Danish half of an email (before the "---" line), one unit per line or paragraph."""
    danish = body.split("\n---\n")[0]
    return [line for line in (l.strip() for l in danish.split("\n")) if line]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages")
    ap.add_argument("--db")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--text", help="LIX of one text given on the command line")
    args = ap.parse_args()

    if args.text:
        print(round(lix(*counts([args.text])), 1))
        return 0

    rows = []  # (kind, name, lix, goal, words)
    if args.pages:
        index = {}
        with open(args.pages.rstrip("/") + ".pages.tsv", encoding="utf-8") as f:
            for line in f:
                name, _, address = line.rstrip("\n").partition("\t")
                index[name] = address
        totals = defaultdict(lambda: [0, 0, 0])
        for name, address in index.items():
            if address.startswith(NOT_CITIZEN):
                continue
            p = MainText()
            with open(os.path.join(args.pages, name), encoding="utf-8") as f:
                text = f.read()
            if 'lang="en"' in text[:500]:
                continue
            p.feed(text)
            # Addresses with ids are one page: /afgoerelse/12 and /afgoerelse/13.
            page = re.sub(r"/[0-9]+|/TP-[A-Z0-9-]+|/K-[A-Z0-9]{4}-[A-Z0-9]{4}", "/…", address)
            t = totals[page]
            for i, n in enumerate(counts(p.units)):
                t[i] += n
        for page, (w, s, l) in totals.items():
            goal = 45 if page.startswith(LETTERS) else 40
            rows.append(("side", page, lix(w, s, l), goal, w))
    if args.db:
        con = sqlite3.connect(args.db)
        totals = defaultdict(lambda: [0, 0, 0])
        for channel, subject, body in con.execute(
            "select channel, subject, body_text from email_outbox"
        ):
            if channel == "sms":
                key = ("sms", "sms")
                units = [body]
            else:
                key = ("e-mail", subject.split(" / ")[0])
                units = email_units(body)
            key = (key[0], re.sub(r"\b(?:TP|K)-[A-Z0-9-]+|\d+", "…", key[1]))
            t = totals[key]
            for i, n in enumerate(counts(units)):
                t[i] += n
        for (kind, name), (w, s, l) in totals.items():
            rows.append((kind, name, lix(w, s, l), 40, w))
    rows = [r for r in rows if r[2] is not None]
    rows.sort(key=lambda r: -r[2])
    over = 0
    print(f"{'LIX':>5} {'mål':>4} {'ord':>6}  hvad")
    for kind, name, value, goal, words in rows:
        mark = " " if value <= goal else "!"
        over += value > goal
        print(f"{value:5.1f} {goal:>4}{mark}{words:>6}  {kind}: {name}")
    print(f"{over} of {len(rows)} over their goal")
    return 1 if (args.strict and over) else 0


if __name__ == "__main__":
    sys.exit(main())
