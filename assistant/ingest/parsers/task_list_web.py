"""Parser for 粤府〔2022〕13号 as scraped from the government web page (layout "task_list_web").

The page text (data/corpus/000_66e95e684e169078.txt) holds the document twice, woven
together. Read sentence by sentence (a sentence ends with "。"; a section heading is
glued to the first task under it, "五、…双循环功能45.加强项目谋划储备…。"), every
physical line is

    one sentence of copy A | a run of sentences of copy B | more sentences of copy A

and, checked against the file:

* copy B, run after run, is the document from its start with nothing left out; the
  file ends before B does (B stops inside task 75);
* copy A goes through the whole document, but where a B-run was put into a line, A
  lost as many of its own sentences as the run is long (23 of 23 lines where both
  ends can be counted). From the end of one line into the first sentence of the
  next, A is unbroken;
* both copies keep document order, and A is ahead of B: a sentence printed twice is
  copy A the first time and copy B the second.

So the parser (1) cuts the lines into sentences, (2) finds where each line's B-run
ends, (3) numbers every sentence with its task, and (4) builds one Task per number
from 1 to the last printed heading.

Step 2 is a small dynamic program: both copies must read as a task list (heading,
optional 工作措施, sentences, responsibility), B without holes, A with holes only
where a B-run sits; headings belong to the copy whose numbering they continue;
sentences printed twice should be A then B, and what is known to follow what must
not be contradicted. Where several endings of a B-run read equally well, the
sentences in between stay "open" and are attributed only if both readings agree.

Step 3 is exact where a heading precedes a sentence in the same unbroken stretch of
its copy (B is one unbroken stretch). A stretch of A without a heading gets the task
numbers its neighbours allow; in a first reading by document order alone, in a second
reading also by hole length (a hole of n sentences cannot hold a whole task plus the
next heading when n is too small, and a non-empty hole cannot sit where nothing can
be missing).

Where the text does not settle a task's responsibility line the task is kept with
confidence below 1 (see `parse`) instead of being guessed. Tasks whose heading is lost
in both copies get the title MISSING_TITLE and ("标题", "网页文本中缺失") in `extra`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.task_list import (
    DIVISION_LABEL, LEADERS_LABEL, MEASURES_LABEL, parse_responsibility, responsibility_extra)
from assistant.records import Task

MISSING_TITLE = "（网页文本缺少本项标题）"

_SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、")
_TASK = re.compile(r"(\d{1,3})\.(?!\d)")


@dataclass(eq=False)  # compared and hashed by identity: the same text may be printed twice
class _Sentence:
    """One sentence of the page text, as printed, with its place in doc.text.text."""

    line: int
    slot: int  # position in its line
    start: int
    end: int
    text: str
    kind: str  # "heading" | "measures" (starts with 工作措施：) | "plain" | "responsibility"
    number: int = 0  # the task number of a heading
    section: str = ""  # the section heading glued in front of a task heading


def _sentences(text: str) -> list[list[_Sentence]]:
    """The page text cut into lines of sentences."""
    lines: list[list[_Sentence]] = []
    for n, m in enumerate(re.finditer(r"[^\n]+", text)):
        line: list[_Sentence] = []
        for slot, s in enumerate(re.finditer(r"[^。]+(?:。|$)", m.group())):
            start, end = m.start() + s.start(), m.start() + s.end()
            line.append(_classify(n, slot, start, end, text[start:end]))
        lines.append(line)
    return lines


def _classify(line: int, slot: int, start: int, end: int, text: str) -> _Sentence:
    section = ""
    heading = _TASK.search(text)
    if _SECTION.match(text) and heading and "。" not in text[:heading.start()] \
            and not text[:heading.start()].endswith(tuple("0123456789")):
        section, body = text[:heading.start()], text[heading.start():]
    else:
        body = text
    m = _TASK.match(body)
    if m:
        return _Sentence(line, slot, start, end, text, "heading", int(m.group(1)), section)
    if body.startswith(LEADERS_LABEL):
        return _Sentence(line, slot, start, end, text, "responsibility")
    if body.startswith(MEASURES_LABEL):
        return _Sentence(line, slot, start, end, text, "measures")
    return _Sentence(line, slot, start, end, text, "plain")


# ---- step 2: which sentences are copy A, which copy B ------------------------------

# Reading a task list sentence by sentence: the state after each kind of sentence.
# START is the preamble, H after a heading, C inside a task, R after its responsibility.
_NEXT = {
    ("START", "plain"): "START", ("START", "heading"): "H", ("R", "heading"): "H",
    ("H", "measures"): "C", ("H", "plain"): "C", ("C", "plain"): "C",
    ("H", "responsibility"): "R", ("C", "responsibility"): "R",
}
_AFTER_HOLE = {"heading": "H", "measures": "C", "plain": "C", "responsibility": "R"}


def _read(state: str | None, sentences: Iterable[_Sentence]) -> str | None:
    """The reading state after `sentences`, or None if they cannot follow each other."""
    for s in sentences:
        if state is None:
            return None
        state = _NEXT.get((state, s.kind))
    return state


def _heading_copies(order: list[_Sentence]) -> dict[_Sentence, str]:
    """Copy of every heading: each copy's numbers only go up.

    A number printed twice is A then B; a number printed once belongs to the copy
    whose headings before and after it leave room for it.
    """
    heads = [(i, s.number) for i, s in enumerate(order) if s.kind == "heading"]
    seen: dict[int, list[int]] = defaultdict(list)
    for i, number in heads:
        seen[number].append(i)
    copy: dict[int, str] = {}
    for places in seen.values():
        if len(places) == 2:
            copy[places[0]], copy[places[1]] = "A", "B"
    changed = True
    while changed:
        changed = False
        for i, number in heads:
            if i in copy:
                continue
            fits = {c for c in "AB" if not any(
                copy.get(j) == c and (m >= number if j < i else m <= number) for j, m in heads)}
            if len(fits) == 1:
                copy[i] = fits.pop()
                changed = True
    return {order[i]: c for i, c in copy.items()}


@dataclass
class _Layout:
    """Where each line's B-run ends: the B-run is sentences 1..b of the line."""

    lines: list[list[_Sentence]]
    order: list[_Sentence]  # all sentences in file order
    choices: list[set[int]] = field(default_factory=list)  # every b of some best reading

    def copies(self, s: _Sentence) -> set[str]:
        """The copies a sentence may belong to ({"A"}, {"B"} or both)."""
        j = s.slot
        out = set()
        if j == 0 or j > min(self.choices[s.line]):
            out.add("A")
        if 0 < j <= max(self.choices[s.line]):
            out.add("B")
        return out


def _layout(lines: list[list[_Sentence]]) -> _Layout:
    """Find each line's B-run (see the module docstring), keeping every best reading."""
    order = [s for line in lines for s in line]
    fixed = _heading_copies(order)
    printed: Counter[str] = Counter(s.text for s in order)
    first_seen: set[str] = set()
    twice: dict[_Sentence, str] = {}  # sentences printed exactly twice: first A, then B
    for s in order:
        if printed[s.text] == 2:
            twice[s] = "B" if s.text in first_seen else "A"
            first_seen.add(s.text)
    layout = _Layout(lines, order)
    follows: dict[str, set[str]] = {}
    for _ in range(5):
        choices = _best_readings(lines, fixed, twice, follows, printed)
        if choices == layout.choices:
            break
        layout.choices = choices
        follows = _known_successors(layout, printed)
    return layout


def _best_readings(lines: list[list[_Sentence]], fixed: dict[_Sentence, str], twice: dict[_Sentence, str],
                   follows: dict[str, set[str]], printed: Counter[str]) -> list[set[int]]:
    """For every line, the B-run lengths used by some cheapest reading of the file.

    Cost: one per sentence printed twice that is not A-then-B, and one per pair of
    neighbours in a copy that contradicts `follows` (what is known to come next).
    """
    def clash(a: _Sentence | None, b: _Sentence) -> int:
        if a is None or printed[a.text] > 2 or a.text not in follows:
            return 0
        return int(b.text not in follows[a.text])

    State = tuple[str, str, _Sentence | None, _Sentence | None]
    front: dict[State, int] = {("START", "START", None, None): 0}
    steps: list[dict[State, list[tuple[State, int]]]] = []
    for line in lines:
        best: dict[State, int] = {}
        back: dict[State, list[tuple[State, int]]] = {}
        for state, cost in front.items():
            a_state, b_state, a_last, b_last = state
            for b in range(len(line)):
                first, run, rest = line[0], line[1:b + 1], line[b + 1:]
                if fixed.get(first) == "B" or any(fixed.get(s) == "A" for s in run) \
                        or any(fixed.get(s) == "B" for s in rest):
                    continue
                a_after_first = _read(a_state, [first])
                b_after = _read(b_state, run)
                if a_after_first is None or b_after is None:
                    continue
                if rest:  # copy A may have lost sentences where the B-run sits
                    a_after = _read(_NEXT.get((a_after_first, rest[0].kind))
                                    or _AFTER_HOLE[rest[0].kind], rest[1:])
                    if a_after is None:
                        continue
                else:
                    a_after = a_after_first
                extra = sum(twice.get(s) == "B" for s in [first, *rest])
                extra += sum(twice.get(s) == "A" for s in run)
                extra += clash(a_last, first)
                chain = [b_last, *run] if b_last else list(run)
                extra += sum(clash(x, y) for x, y in zip(chain, chain[1:]))
                extra += sum(clash(x, y) for x, y in zip(rest, rest[1:]))
                nxt = (a_after, b_after, rest[-1] if rest else None, run[-1] if run else b_last)
                total = cost + extra
                if nxt not in best or total < best[nxt]:
                    best[nxt], back[nxt] = total, [(state, b)]
                elif total == best[nxt]:
                    back[nxt].append((state, b))
        steps.append(back)
        front = best
    if not front:
        raise ValueError("the page text does not read as two interleaved copies")
    cheapest = min(front.values())
    alive = {s for s, c in front.items() if c == cheapest}
    choices: list[set[int]] = [set() for _ in lines]
    for k in range(len(lines) - 1, -1, -1):
        earlier = set()
        for state in alive:
            for prev, b in steps[k][state]:
                choices[k].add(b)
                earlier.add(prev)
        alive = earlier
    return choices


def _known_successors(layout: _Layout, printed: Counter[str]) -> dict[str, set[str]]:
    """What follows what in the document, from lines whose B-run is settled.

    Copy B is unbroken, and copy A is unbroken inside a line's tail and into the next
    line's first sentence; only sentences printed at most twice are used.
    """
    follows: dict[str, set[str]] = defaultdict(set)
    settled = [len(c) == 1 for c in layout.choices]
    b_prev: _Sentence | None = None
    for k, line in enumerate(layout.lines):
        if not settled[k]:
            b_prev = None
            continue
        b = next(iter(layout.choices[k]))
        run, rest = line[1:b + 1], line[b + 1:]
        chain = [b_prev, *run] if b_prev else list(run)
        for x, y in zip(chain, chain[1:]):
            follows[x.text].add(y.text)
        if run:
            b_prev = run[-1]
        tail = list(rest)
        if rest and k + 1 < len(layout.lines) and settled[k + 1]:
            tail.append(layout.lines[k + 1][0])
        for x, y in zip(tail, tail[1:]):
            follows[x.text].add(y.text)
    return {t: f for t, f in follows.items() if printed[t] <= 2}


# ---- step 3: task numbers ----------------------------------------------------------

@dataclass
class _Stretch:
    """Sentences of copy A known to be unbroken: a line's tail and the next line's head.

    `hole` is the length of the B-run just before it, which is also how many of A's
    own sentences are missing there (None when the run's end is not settled).
    """

    sentences: list[_Sentence]
    hole: int | None
    entry: set[int] = field(default_factory=set)  # possible task of its first sentence
    exit: set[int] = field(default_factory=set)  # possible task of its last sentence


def _b_numbers(layout: _Layout) -> dict[_Sentence, int]:
    """Task number of every sentence that may be copy B (0 before the first heading)."""
    numbers: dict[_Sentence, int] = {}
    current = 0
    for s in layout.order:
        if "B" not in layout.copies(s):
            continue
        if s.kind == "heading":
            current = s.number
        numbers[s] = current
    return numbers


def _stretches(layout: _Layout) -> list[_Stretch]:
    """Copy A cut where it may have holes (at every B-run)."""
    stretches: list[_Stretch] = []
    current: list[_Sentence] = []
    hole: int | None = None
    for k, line in enumerate(layout.lines):
        current.append(line[0])
        stretches.append(_Stretch(current, hole))
        current = [s for s in line[1:] if layout.copies(s) == {"A"}]
        hole = next(iter(layout.choices[k])) if len(layout.choices[k]) == 1 else None
    if current:
        stretches.append(_Stretch(current, hole))
    return stretches


@dataclass(frozen=True)
class _Sizes:
    """The fewest sentences of a task around a given one: a task has a heading and a
    responsibility line, plus 工作措施 from the first task that prints one (in this
    list every later task does)."""

    measures_from: int

    def of(self, number: int) -> int:
        """Sentences a whole task takes."""
        return 2 + (number >= self.measures_from)

    def before(self, s: _Sentence, number: int) -> int:
        """Sentences of task `number` that must come before `s`."""
        if s.kind == "heading":
            return 0
        if s.kind == "measures":
            return 1
        return 1 + (number >= self.measures_from)

    def after(self, s: _Sentence, number: int) -> int:
        """Sentences of task `number` that must come after `s`."""
        if s.kind == "responsibility":
            return 0
        if s.kind == "heading":
            return 1 + (number >= self.measures_from)
        return 1


def _fits(x: _Sentence, tx: int, y: _Sentence, ty: int, hole: int | None, sizes: _Sizes) -> bool:
    """Can A's sentence x (task tx) be followed, across a hole, by y (task ty)?

    Document order, a responsibility ends its task, 工作措施 opens one; and when the
    hole's length is known, the sentences that must lie between x and y fit in it,
    and a non-empty hole does not sit where nothing can be missing.
    """
    if ty < tx or (ty == tx and x.kind == "responsibility"):
        return False
    if ty == tx and y.kind == "measures" and x.kind != "heading":
        return False
    if hole is None:
        return True
    if ty == tx:
        need = max(0, sizes.before(y, ty) - sizes.before(x, tx) - 1)
        nothing_between = x.kind == "heading" and y.kind == "measures"
    else:
        need = sizes.after(x, tx) + sum(sizes.of(n) for n in range(tx + 1, ty)) + sizes.before(y, ty)
        nothing_between = need == 0  # a responsibility straight before the next heading
    return need <= hole and not (nothing_between and hole > 0)


def _bound_stretches(stretches: list[_Stretch], pinned: dict[_Sentence, int], universe: range,
                     sizes: _Sizes, use_holes: bool) -> None:
    """Possible task numbers at both ends of every stretch.

    A heading fixes the number (the sentences before it belong to the task before);
    a sentence also printed in copy B takes B's number (`pinned`); the rest is
    narrowed by what may follow what across the holes (`_fits`) until nothing changes.
    """
    for st in stretches:
        heads = [k for k, s in enumerate(st.sentences) if s.kind == "heading"]
        known = {pinned[s] for s in st.sentences if s in pinned}
        if heads:
            first = st.sentences[heads[0]].number
            st.entry = {first - 1 if heads[0] > 0 else first}
            st.exit = {st.sentences[heads[-1]].number}
        elif len(known) == 1:
            st.entry, st.exit = set(known), set(known)
        else:
            st.entry, st.exit = set(universe), set(universe)
    changed = True
    while changed:
        changed = False
        for prev, st in zip(stretches, stretches[1:]):
            x, y = prev.sentences[-1], st.sentences[0]
            hole = st.hole if use_holes else None
            exits = {tx for tx in prev.exit if any(_fits(x, tx, y, ty, hole, sizes) for ty in st.entry)}
            entries = {ty for ty in st.entry if any(_fits(x, tx, y, ty, hole, sizes) for tx in prev.exit)}
            for target, kept in ((prev, exits), (st, entries)):
                one_task = not any(s.kind == "heading" for s in target.sentences)
                old = target.exit if target is prev else target.entry
                if kept and kept != old:
                    if one_task:
                        target.entry = target.exit = kept
                    elif target is prev:
                        target.exit = kept
                    else:
                        target.entry = kept
                    changed = True


def _numbers(layout: _Layout, use_holes: bool) -> tuple[dict[_Sentence, set[int]], set[_Sentence]]:
    """For every sentence, the task numbers it may belong to (0 = before the tasks),
    and the sentences read as copy B. Readings of a line that leave no number for the
    start of A's tail are dropped from `layout.choices` on the way."""
    while True:
        numbers, copy_b, tails = _number_once(layout, use_holes)
        if not _drop_impossible_readings(layout, numbers, tails):
            return numbers, copy_b


def _number_once(layout: _Layout, use_holes: bool
                 ) -> tuple[dict[_Sentence, set[int]], set[_Sentence], dict[int, set[int]]]:
    """One numbering pass; also returns, per line with open sentences, the numbers
    the start of A's tail may have."""
    b_numbers = _b_numbers(layout)
    stretches = _stretches(layout)
    printed: Counter[str] = Counter(s.text for s in layout.order)
    b_by_text = {s.text: b_numbers[s] for s in layout.order
                 if layout.copies(s) == {"B"} and printed[s.text] == 2}
    pinned = {s: b_by_text[s.text] for s in layout.order
              if layout.copies(s) == {"A"} and s.text in b_by_text}
    last = max(s.number for s in layout.order if s.kind == "heading")
    with_measures = [b_numbers[s] for s in layout.order
                     if s.kind == "measures" and layout.copies(s) == {"B"} and b_numbers[s]]
    sizes = _Sizes(min(with_measures, default=last + 1))
    _bound_stretches(stretches, pinned, range(0, last + 50), sizes, use_holes)
    numbers: dict[_Sentence, set[int]] = {
        s: {n} for s, n in b_numbers.items() if layout.copies(s) == {"B"}}
    copy_b = set(numbers)
    starts: dict[_Sentence, _Stretch] = {}
    for st in stretches:
        starts[st.sentences[0]] = st
        current = set(st.entry)
        for s in st.sentences:
            if s.kind == "heading":
                current = {s.number}
            numbers[s] = current
    # A sentence whose copy is open (the end of a B-run or the start of A's tail) may
    # belong to B's current task or to the task A's tail starts in. Printed only once,
    # it cannot be A's if B (which misses nothing) has gone past that task.
    b_done = max((s.number for s in layout.order if s.kind == "heading" and layout.copies(s) == {"B"}),
                 default=0)
    tails: dict[int, set[int]] = {}
    for k, line in enumerate(layout.lines):
        open_ = [s for s in line if len(layout.copies(s)) == 2]
        if not open_:
            continue
        after = next((s for s in line[1:] if layout.copies(s) == {"A"}), None)
        if after is None and k + 1 < len(layout.lines):
            after = layout.lines[k + 1][0]
        if after is not None and after.kind == "heading":
            a_numbers = {after.number - 1}
        elif after is not None and after in starts:
            a_numbers = starts[after].entry
        else:
            a_numbers = set(range(0, last + 50))
        tails[k] = a_numbers
        for s in open_:
            only_b = printed[s.text] == 1 and a_numbers and max(a_numbers) < b_done
            numbers[s] = {b_numbers[s]} if only_b else {b_numbers[s]} | a_numbers
            if only_b:
                copy_b.add(s)
    return numbers, copy_b, tails


def _drop_impossible_readings(layout: _Layout, numbers: dict[_Sentence, set[int]],
                              tails: dict[int, set[int]]) -> bool:
    """Drop line readings whose A tail cannot start where they start it.

    In a reading, the tail's first sentence follows the line's first sentence in
    copy A; it must fit there by document order (`_fits`, hole length not used), and
    a sentence that can only be copy B must not be read as A. True if any was dropped.
    """
    dropped = False
    sizes = _Sizes(10**6)
    for k, a_numbers in tails.items():
        line = layout.lines[k]
        keep = set()
        for b in layout.choices[k]:
            tail = line[b + 1:]
            if any(len(layout.copies(s)) == 2 and not numbers[s] & a_numbers for s in tail):
                continue  # this reading makes A of a sentence that can only be B
            if tail and len(layout.copies(tail[0])) == 2:
                y = tail[0]
                ty = {y.number} if y.kind == "heading" else a_numbers
                if not any(_fits(line[0], tx, y, t, None, sizes) for tx in numbers[line[0]] for t in ty):
                    continue
            keep.add(b)
        if keep and keep != layout.choices[k]:
            layout.choices[k] = keep
            dropped = True
    return dropped


# ---- step 4: records ---------------------------------------------------------------

def _split_responsibility(text: str) -> tuple[str, str]:
    """"分管省领导：张虎部门分工：省发展改革委牵头。" -> ("张虎", "省发展改革委牵头。")."""
    body = text[len(LEADERS_LABEL):]
    cut = body.find(DIVISION_LABEL)
    if cut < 0:
        return body, ""
    return body[:cut], body[cut + len(DIVISION_LABEL):]


def _title(heading: _Sentence) -> str:
    body = heading.text[len(heading.section):]
    return body[_TASK.match(body).end():].strip()


def _assign_responsibilities(numbers: dict[_Sentence, set[int]], last: int
                             ) -> tuple[dict[int, _Sentence], dict[int, list[_Sentence]]]:
    """Responsibility sentence of every task: sure ones, then by elimination.

    A task prints exactly one responsibility, so a sentence whose possible tasks all
    but one already have another belongs to the remaining one. Returns the sure
    sentence per task and, for tasks left open, the sentences that may be theirs.
    """
    sure: dict[int, _Sentence] = {}
    clashes: set[int] = set()
    open_: list[tuple[_Sentence, set[int]]] = []
    for s, ns in numbers.items():
        if s.kind != "responsibility":
            continue
        candidates = {n for n in ns if 1 <= n <= last}
        if len(candidates) == 1:
            (n,) = candidates
            if n in sure and sure[n].text != s.text:
                clashes.add(n)  # two different lines for one task: trust neither
                open_.append((s, {n}))
            sure.setdefault(n, s)
        elif candidates:
            open_.append((s, candidates))
    for n in clashes:
        open_.append((sure.pop(n), {n}))

    def left(s: _Sentence, candidates: set[int]) -> set[int]:
        return {n for n in candidates if n not in sure or sure[n].text == s.text}

    changed = True
    while changed:
        changed = False
        single = [(s, left(s, c)) for s, c in open_ if len(left(s, c)) == 1 and s not in sure.values()]
        claims = Counter(next(iter(c)) for _, c in single)
        for s, c in single:
            (n,) = c
            if claims[n] == 1 and n not in sure and n not in clashes:
                sure[n] = s
                changed = True
    maybe: dict[int, list[_Sentence]] = defaultdict(list)
    for s, candidates in open_:
        if s in sure.values():
            continue
        for n in left(s, candidates):
            if n not in sure:
                maybe[n].append(s)
    return sure, maybe


def _runs(layout: _Layout, members: set[_Sentence]) -> list[list[_Sentence]]:
    """The task's sentences grouped into runs printed next to each other."""
    runs: list[list[_Sentence]] = []
    for line in layout.lines:
        run: list[_Sentence] = []
        for s in line:
            if s in members:
                run.append(s)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _best_span(layout: _Layout, members: set[_Sentence], wanted: list[_Sentence]) -> tuple[int, int] | None:
    """Span of the run of the task's own sentences that holds most of `wanted`
    (its responsibility line first, then its heading), then the longest."""
    runs = _runs(layout, members)
    if not runs:
        return None
    best = max(runs, key=lambda run: (sum(s in wanted for s in run), bool(wanted) and wanted[0] in run,
                                      len(run)))
    return best[0].start, best[-1].end


def _in_order(content: list[_Sentence], copy_b: set[_Sentence]) -> list[str]:
    """The task's sentence texts in document order, each once: copy B first (it has
    every sentence), then copy A's others after the A sentence they follow."""
    texts = [s.text for s in content if s in copy_b]
    previous = None
    for s in content:
        if s in copy_b:
            continue
        if s.text not in texts:
            texts.insert(texts.index(previous) + 1 if previous in texts else len(texts), s.text)
        previous = s.text
    return texts


def _printed(text: str, pieces: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The task's printed fragments in reading order: for each piece of its text (heading,
    measures sentences, responsibility line), one of the places it is printed (copy A or B),
    chosen so that as few fragments as possible result; adjacent places are merged."""
    def adjacent(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[1] <= b[0] and not text[a[1]:b[0]].strip()

    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    # best[i][j]: (fragments, back-pointer) choosing candidate j for piece i
    best: list[list[tuple[int, int]]] = [[(1, -1) for _ in pieces[0]]]
    for i in range(1, len(pieces)):
        row = []
        for cand in pieces[i]:
            row.append(min((best[i - 1][k][0] + (0 if adjacent(prev, cand) else 1), k)
                           for k, prev in enumerate(pieces[i - 1])))
        best.append(row)
    j = min(range(len(pieces[-1])), key=lambda k: best[-1][k][0])
    chosen = []
    for i in range(len(pieces) - 1, -1, -1):
        chosen.append(pieces[i][j])
        j = best[i][j][1]
    chosen.reverse()
    fragments = [chosen[0]]
    for span in chosen[1:]:
        if adjacent(fragments[-1], span):
            fragments[-1] = (fragments[-1][0], span[1])
        else:
            fragments.append(span)
    return fragments


def _sections(order: list[_Sentence], last: int) -> dict[int, str]:
    """Section heading of every task number: the last "X、…" starting at or before it."""
    starts = sorted({(s.number, s.section) for s in order if s.kind == "heading" and s.section})
    out: dict[int, str] = {}
    for n in range(1, last + 1):
        titles = [title for start, title in starts if start <= n]
        if titles:
            out[n] = titles[-1]
    return out


def parse(doc: DocText) -> ParseResult:
    """One Task per task number, 1 to the last heading printed on the page.

    Confidence: 1.0 when the responsibility line is settled by document order alone and the
    task is printed in one piece; at most 0.95 when its text is stitched from fragments that
    are not next to each other (copy A and copy B; `extra` 原文拼接 says how many);
    0.9 when it also needs the hole lengths (how many sentences copy A lost where a
    B-run sits); 0.5 when one of several lines may be the task's (they are listed in
    `extra` as 可能的分工, leaders and units stay empty); 0.0 when the page text keeps
    no responsibility line for the task.
    """
    result = ParseResult()
    layout = _layout(_sentences(doc.text.text))
    strict, _ = _numbers(layout, use_holes=False)
    numbers, copy_b = _numbers(layout, use_holes=True)
    last = max(s.number for s in layout.order if s.kind == "heading")
    members: dict[int, set[_Sentence]] = defaultdict(set)
    for s, ns in numbers.items():
        if len(ns) == 1 and 1 <= min(ns) <= last:
            members[min(ns)].add(s)
    loose = sum(1 for ns in numbers.values() if len(ns) > 1 and max(ns) >= 1)
    if loose:
        result.warnings.append(f"{doc.entry.doc_id}: {loose} sentences could not be tied to one task "
                               f"(end of a B-run, or past task {last}); left out of the measures")
    sure_strict, _ = _assign_responsibilities(strict, last)
    sure, maybe = _assign_responsibilities(numbers, last)
    sections = _sections(layout.order, last)
    previous_end = 0
    for n in range(1, last + 1):
        line = sure_strict.get(n) or sure.get(n)
        own = members[n] | ({line} if line else set())
        headings = [s for s in layout.order if s in own and s.kind == "heading"]
        content = [s for s in layout.order if s in own and s.kind in ("measures", "plain")]
        measures = "".join(t.removeprefix(MEASURES_LABEL) for t in _in_order(content, copy_b))
        leaders_text, division_text = _split_responsibility(line.text) if line else ("", "")
        resp = parse_responsibility(leaders_text, division_text)
        extra: list[tuple[str, str]] = []
        if line and resp.parsed:
            confidence = 1.0 if n in sure_strict else 0.9
            extra.extend(responsibility_extra(resp))
            if confidence < 1.0:
                extra.append(("分工归属", "由网页文本的缺句位置推断"))
        elif line or maybe.get(n):
            confidence = 0.5
            extra.extend(("可能的分工", s.text) for s in maybe.get(n, []))
            resp = parse_responsibility("", "")
        else:
            confidence = 0.0
        if not headings:
            extra.append(("标题", "网页文本中缺失"))
        wanted = ([line] if line else []) + headings[:1]
        span = _best_span(layout, own, wanted) or (previous_end, previous_end)
        previous_end = span[1]
        texts = ([headings[0].text] if headings else []) + _in_order(content, copy_b) \
            + ([line.text] if line else [])
        spans = _printed(doc.text.text, [
            [(s.start + len(s.section), s.end) for s in layout.order if s in own and s.text == t]
            for t in texts])
        stitched = len(spans) > 1
        if stitched:
            extra.append(("原文拼接", f"本项由网页文本中不相邻的{len(spans)}段拼合"))
            confidence = min(confidence, 0.95)
        if spans:
            span = (min(a for a, _ in spans), max(b for _, b in spans))
        printed = f"{LEADERS_LABEL}{leaders_text}\n{DIVISION_LABEL}{division_text}" if resp.leaders else ""
        task = Task(
            doc_id=doc.entry.doc_id, task_no=str(n),
            title=_title(headings[0]) if headings else MISSING_TITLE, measures=measures,
            leaders=resp.leaders, lead_units=resp.lead_units, co_units=resp.co_units,
            section=sections.get(n, ""), responsibility=printed, source_file=doc.source_file,
            span=span, confidence=confidence, extra=tuple(extra), spans=tuple(spans))
        result.tasks.append(task)
        if confidence < 1.0 or not headings:
            problems = [p for p, bad in (("heading missing", not headings),
                                         (f"text stitched from {len(spans)} fragments", stitched),
                                         ("responsibility inferred from hole lengths", confidence == 0.9),
                                         ("responsibility uncertain", confidence == 0.5),
                                         ("no responsibility line on the page", confidence == 0.0)) if bad]
            result.warnings.append(f"{doc.entry.doc_id} task {n}: {', '.join(problems)}")
    return result
