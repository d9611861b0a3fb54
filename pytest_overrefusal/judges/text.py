"""Splitting a model's answer into the sentences a judge reads, and the thinking trace apart.

An answer is read in two forms of the same length, so that a position in one is a position in
the other: the text as written (what an explanation quotes) and the *spoken* form, lower-cased,
apostrophes straightened, with everything that is not the model's own voice blanked out: quoted
speech ("...", '...', “...”, «...», „...“, 「...」), inline code, blockquote lines and fenced code blocks.
A refusal inside a story's dialogue or a quoted example is then invisible to the refusal
patterns, while its characters still count as content; so is an answer that is entirely one
quotation (a monologue the user asked for). A fenced code block is one sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A reasoning model's trace, when the provider leaves it inside the answer.
_THINK_BLOCK = re.compile(r"<(think|thinking|reasoning)>(.*?)(?:</\1>|\Z)", re.S | re.I)
_THINK_CLOSE_ONLY = re.compile(r"\A(.*?)</(?:think|thinking|reasoning)>", re.S | re.I)

_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.S | re.M)
# Each quotation style is its own expression with a literal first character: fast to scan for.
_QUOTES = [
    ('"', re.compile(r'"[^"]{1,2000}"')),
    ("“", re.compile(r"“[^”]{1,2000}”")),
    ("«", re.compile(r"«[^»]{1,2000}»")),
    ("„", re.compile(r"„[^“”\n]{1,600}[“”]")),
    ("「", re.compile(r"「[^」]{1,600}」")),
    ("『", re.compile(r"『[^』]{1,600}』")),
    ("‘", re.compile(r"‘[^\n]{1,600}?’(?!\w)")),
    ("`", re.compile(r"`[^`\n]{1,300}`")),
    # 'Single quotes', told apart from apostrophes: it opens after no letter and closes before none, and an
    # apostrophe between two letters ("can't") stays inside.
    # (Runs between apostrophes, each inner one followed by a letter: linear, no per-character loop; the
    # literal comes first so that the scan for it runs at C speed, and the look-behind checks it afterwards.)
    ("'", re.compile(r"'(?<![\w']')(?=[^\s'])[^'\n]*(?:'\w[^'\n]*)*(?<!\s)'(?!\w)")),
]
_BLOCKQUOTE = re.compile(r"^[ \t]*>[^\n]*", re.M)
# A sentence: up to a full stop followed by white space, a line break or a CJK full stop.
# (It starts with a character that is not a full stop, so that it never matches empty: fast.)
_SENTENCE = re.compile(r"(?:[^\n.!?。！？；]|[.!?](?!\s))[^\n.!?。！？；]*(?:[.!?](?!\s)[^\n.!?。！？；]*)*[.!?。！？；]*")
QUOTE_BLANK = "x"
CODE_BLANK = "\x01"


class Sentence(NamedTuple):
    text: str  # as written
    spoken: str  # lower-case, quoted speech and code blanked out; same length as `text`
    start: int  # position in the answer
    code: bool = False  # a fenced code block

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_thinking(answer: str) -> tuple[str, str]:
    """(thinking, final answer): a `<think>...</think>` block is taken out of the answer.

    A trace with only the closing tag (the provider dropped the opening one) counts too.
    """
    if "</" not in answer and "<t" not in answer and "<r" not in answer:
        return "", answer
    thoughts = [m.group(2).strip() for m in _THINK_BLOCK.finditer(answer)]
    if thoughts:
        return "\n\n".join(t for t in thoughts if t), _THINK_BLOCK.sub(" ", answer).strip()
    only_close = _THINK_CLOSE_ONLY.match(answer)
    if only_close:
        return only_close.group(1).strip(), answer[only_close.end() :].strip()
    return "", answer


def _blank_quote(match: re.Match[str]) -> str:
    """Blank a quotation, keeping a full stop at its end visible so that the sentence ends there."""
    quoted = match.group()
    if len(quoted) > 2 and quoted[-2] in ".!?。！？" and match.end() < len(match.string) and match.string[match.end()].isspace():
        return QUOTE_BLANK * (len(quoted) - 2) + quoted[-2] + " "
    return QUOTE_BLANK * len(quoted)


def _blank_code(match: re.Match[str]) -> str:
    return CODE_BLANK * len(match.group())


def spoken_form(text: str) -> str:
    """`text` lower-cased with quotations, code and blockquotes blanked; the same length."""
    masked = text
    if "```" in masked or "~~~" in masked:
        masked = _CODE_FENCE.sub(_blank_code, masked)
    for mark, pattern in _QUOTES:
        if mark in masked:
            masked = pattern.sub(_blank_quote, masked)
    if ">" in masked:
        masked = _BLOCKQUOTE.sub(_blank_quote, masked)
    lowered = masked.lower()
    if len(lowered) != len(masked):  # a few letters lower-case to two characters ("İ")
        lowered = "".join(ch.lower()[0] for ch in masked)
    return lowered.replace("’", "'").replace("ʼ", "'")


# Abbreviations that end in a full stop without ending the sentence ("e.g. a GP", "bzw. deinem Landkreis").
_ABBREVIATIONS = frozenset(
    "e.g. i.e. etc. vs. approx. incl. dr. mr. mrs. ms. st. bzw. z.b. usw. ca. evtl. ggf. inkl. vgl. d.h. u.a. "
    "z.t. s.o. p.ej. ej. aprox. p.ex. cf. env.".split()
)


def split_spoken(text: str, spoken: str) -> list[Sentence]:
    """The sentences of `text`, given its spoken form; a code block is one sentence."""
    found: list[Sentence] = []
    joined = False  # the previous piece ended in an abbreviation on the same line
    for match in _SENTENCE.finditer(spoken):
        start, end = match.span()
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            offset = start + piece.index(stripped[0])
            if joined and found and "\n" not in text[found[-1].end : offset]:
                offset = found.pop().start
                stripped = text[offset : start + len(piece.rstrip())]
            said = spoken[offset : offset + len(stripped)]
            found.append(Sentence(stripped, said, offset, said.startswith(CODE_BLANK)))
            joined = said[-1] == "." and said[-8:].rsplit(None, 1)[-1] in _ABBREVIATIONS
    return found


def sentences(text: str) -> list[Sentence]:
    """The answer's sentences in order."""
    return split_spoken(text, spoken_form(text))


def quote(sentence: str, limit: int = 160) -> str:
    """A sentence for an explanation: one line, at most `limit` characters, in quotation marks."""
    flat = " ".join(sentence.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
