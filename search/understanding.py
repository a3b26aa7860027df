"""Query understanding, shared by both engines: what the citizen typed → what to search.

1. Normalise: full-width → half-width (NFKC), traditional → simplified (OpenCC ``t2s``), lower case.
2. A 文号 (穗工商〔2024〕12号 in any bracket style) is searched as it is.
3. Remove asking words (怎么办, 需要什么材料, 去哪里办…: ``lexicon/question_words.txt``), cut
   the rest with jieba (lexicon words kept whole) and drop particles and fillers
   (``lexicon/stopwords.txt``): the content words remain.
4. Typos and wrong homophones: a run of two to four characters that no indexed title contains
   but that sounds like a word that one does (pypinyin, tones ignored) is replaced by that word
   (工积金 → 公积金); the corrected query is offered as "did you mean".
5. Words no title or summary contains are dropped when the rest of the query is known (the
   story around a question), and so are words in most documents (the city's name); a query made
   mostly of unknown words is kept whole, so that it finds nothing rather than noise.
6. Channels (an app, a mini-program, the site's own app names found in the index) say how, not
   what: they are dropped when the query also names what is wanted (``lexicon/channels.txt``).
7. Synonyms (the editable 同义词 table, defaults from ``lexicon/synonyms.txt``) give alternative
   queries, and ``relaxed`` lists shorter queries to try when all words together find nothing.
8. A long sentence (a citizen telling their story) that finds nothing even relaxed gets a last
   pass, ``any_words``: any of its content words, best first (the engines rank entries that
   match more of them higher), so a story never ends on an empty page when its words are there.

The vocabulary (titles, summaries, departments, topics, lexicon words) comes from the database
copy of the index, so both engines share it; it is rebuilt when the index changes, at most once
per ``VOCABULARY_TTL`` seconds."""
from __future__ import annotations

import functools
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field

from search import lexicon, synonyms
from search.text import looks_like_doc_number, normalize_query

VOCABULARY_TTL = 60
COMMON_SHARE = 0.3  # a word in more than this share of documents says little about what is wanted
MAX_VARIANTS = 6
MAX_CORRECTED_RUN = 8
LONG_QUERY_CHARS = 12  # this many Chinese characters or more: a sentence, not a name or keywords
# “青岚通”APP, “岚e办”微信小程序: the site's own channel names, as its texts introduce them
_CHANNEL_NAME = re.compile(r"[“\"「]([\w\u3400-\u9fff]{2,10})[”\"」]\s*(?:app|客户端|微信小程序|小程序|公众号)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_SPACES = re.compile(r"\s+")


@dataclass
class Understood:
    original: str
    text: str  # what to search: content words separated by spaces
    terms: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)
    corrected: str = ""  # "did you mean", when a typo was corrected
    doc_number: bool = False
    any_words: list[str] = field(default_factory=list)  # a long sentence's last pass: any of these


@functools.lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s.json")


def normalise(query: str) -> str:
    text = unicodedata.normalize("NFKC", query or "")
    return normalize_query(_converter().convert(text))


@functools.lru_cache(maxsize=1)
def _question_words() -> list[str]:
    return sorted(lexicon.lines("question_words.txt"), key=len, reverse=True)


def strip_question_words(text: str) -> str:
    for phrase in _question_words():
        text = text.replace(phrase, " ")
    return _SPACES.sub(" ", text).strip()


@functools.lru_cache(maxsize=1)
def _pinyin_of_char():
    from pypinyin import lazy_pinyin

    @functools.lru_cache(maxsize=20000)
    def one(ch: str) -> str:
        return lazy_pinyin(ch)[0]
    return one


def pinyin(word: str) -> str:
    one = _pinyin_of_char()
    return " ".join(one(ch) for ch in word)


class Vocabulary:
    """What the index talks about: the text of titles and summaries (to tell known words and how
    common they are) and a pinyin → word map of title words (to correct homophones)."""

    def __init__(self, texts: list[str], extra_words: set[str]):
        from search.text import segment

        self.size = max(1, len(texts))
        self.text = "\n".join(texts) + "\n" + "\n".join(extra_words)
        counts: dict[str, int] = {}
        for text in texts:
            for word in set(segment(text)):
                if len(word) >= 2 and _CJK.search(word):
                    counts[word] = counts.get(word, 0) + 1
        for word in extra_words:
            counts.setdefault(word, 1)
        self.channels = {name for text in texts for name in _CHANNEL_NAME.findall(text)}
        self.by_sound: dict[str, str] = {}
        for word, count in sorted(counts.items(), key=lambda item: item[1]):
            if 2 <= len(word) <= 4 and _CJK_RUN.fullmatch(word):
                self.by_sound[pinyin(word)] = word  # the most frequent word wins

    def knows(self, word: str) -> bool:
        return word in self.text

    def share(self, word: str) -> float:
        return min(1.0, self.text.count(word) / self.size)

    def correct(self, run: str) -> str:
        """Replace sound-alike windows (longest first) that no known text contains."""
        if self.knows(run) or len(run) > MAX_CORRECTED_RUN:
            return run  # a long sentence is mostly words the index never has: correcting it guesses
        for width in (4, 3, 2):
            i = 0
            while i + width <= len(run):
                window = run[i:i + width]
                if not self.knows(window):
                    word = self.by_sound.get(pinyin(window))
                    if word and sum(a != b for a, b in zip(word, window)) == 1:
                        run = run[:i] + word + run[i + width:]
                        i += width
                        continue
                i += 1
        return run


_vocabulary: tuple[float, tuple, Vocabulary] | None = None
_lock = threading.Lock()


def vocabulary() -> Vocabulary:
    """Built from ``SearchEntry`` (the index's database copy); rebuilt when it changed, checked
    at most every ``VOCABULARY_TTL`` seconds."""
    global _vocabulary
    from django.db.models import Count, Max

    from search.models import SearchEntry

    now = time.monotonic()
    if _vocabulary and now - _vocabulary[0] < VOCABULARY_TTL:
        return _vocabulary[2]
    with _lock:
        stamp = tuple(SearchEntry.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())
        if _vocabulary and _vocabulary[1] == stamp:
            _vocabulary = (now, stamp, _vocabulary[2])
            return _vocabulary[2]
        texts = [" ".join([title, summary[:200], department, " ".join(topics or [])]).lower()
                 for title, summary, department, topics in
                 SearchEntry.objects.values_list("title", "summary", "department", "topics")]
        built = Vocabulary(texts, lexicon_words())
        _vocabulary = (now, stamp, built)
        return built


def forget_vocabulary() -> None:
    global _vocabulary
    _vocabulary = None


def lexicon_words() -> set[str]:
    found: set[str] = set()
    for triggers, targets in synonyms.rules():
        found.update(w for w in triggers + targets if w)
    return found


@functools.lru_cache(maxsize=1)
def _jieba_with_lexicon():
    from search.text import _jieba

    jieba = _jieba()
    for line in lexicon.lines("synonyms.txt"):
        for word in re.split(r"[,，、=>\s]+", line):
            if len(word) >= 2:
                jieba.add_word(word, freq=2000)
    return jieba


def is_channel(word: str, vocab: Vocabulary) -> bool:
    return word in lexicon.words("channels.txt") or word in vocab.channels


def without_channels(words: list[str], vocab: Vocabulary) -> list[str]:
    """Drop the channels (how) when the query also says what; keep them when it asks about the
    channel itself (下载, 登录…) or names nothing else."""
    rest = [w for w in words if not is_channel(w, vocab)]
    if not rest or all(w in lexicon.words("channel_words.txt") for w in rest):
        return words
    return rest


def content_words(text: str, knows=lambda word: False, keep_whole=()) -> list[str]:
    """Segment and drop stopwords. A single character that is left is glued to its neighbour
    when that makes a known word (注销 + 掉 stays 注销, 转 + 公积金 → 公积金 if 转公积金 is
    unknown), and dropped otherwise: alone it would match almost everything."""
    jieba = _jieba_with_lexicon()
    for word in [*lexicon_words(), *keep_whole]:
        if len(word) >= 2 and word in text and _CJK.search(word):
            jieba.add_word(word, freq=2000)  # editor-added synonyms and app names stay whole too
    stop = lexicon.words("stopwords.txt")
    tokens: list[str | None] = []  # None: a break (stopword, punctuation, space)
    for chunk in text.split(" "):
        for token in jieba.cut(chunk, HMM=False):
            token = token.strip()
            keep = token and token not in stop and re.search(r"\w", token)
            tokens.append(token if keep else None)
        tokens.append(None)
    words: list[str] = []
    for i, token in enumerate(tokens):
        if token is None or (len(token) == 1 and _CJK.match(token)):
            continue
        words.append(token)
    for i, token in enumerate(tokens):
        if token is None or len(token) != 1 or not _CJK.match(token):
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if before and len(before) > 1 and knows(before + token) and before in words:
            words[words.index(before)] = before + token
        elif after and len(after) > 1 and knows(token + after) and after in words:
            words[words.index(after)] = token + after
    return list(dict.fromkeys(words))


def _replace_overlapping(term: str, word: str, target: str) -> str:
    """``word`` → ``target`` inside ``term``, without repeating what follows the word when the
    target already ends with it (出生证 → 出生医学证明 in 出生证明 gives 出生医学证明)."""
    at = term.find(word)
    rest = term[at + len(word):]
    overlap = next((k for k in range(min(len(rest), len(target)), 0, -1) if target.endswith(rest[:k])), 0)
    return term[:at] + target + rest[overlap:]


def expansions(terms: list[str]) -> list[list[str]]:
    """Alternative term lists from the synonym rules, one rule's targets at a time."""
    rules = synonyms.rules()
    found: list[tuple[int, list[str]]] = []
    for i, term in enumerate(terms):
        for triggers, targets in rules:
            for word in triggers:
                if not word or word not in term:
                    continue
                for target in targets:
                    if target == word or target in term:
                        continue
                    replaced = target if word == term else _replace_overlapping(term, word, target)
                    # whole-word rules first, then longer triggers
                    found.append(((word != term, -len(word)), terms[:i] + [replaced] + terms[i + 1:]))
    return [alternative for _, alternative in sorted(found, key=lambda item: item[0])]


def sub_words(word: str) -> list[str]:
    """The shorter words inside one long word, left to right, longest first where they overlap
    (住房公积金 → 住房 公积金): a name the index spells differently still finds its parts."""
    if len(word) < 4 or not _CJK_RUN.fullmatch(word):
        return []
    pieces = {piece for piece in _jieba_with_lexicon().cut_for_search(word, HMM=False) if 2 <= len(piece) < len(word)}
    found, at = [], 0
    while at < len(word):
        here = [piece for piece in pieces if word.startswith(piece, at)]
        if here:
            best = max(here, key=len)
            found.append(best)
            at += len(best)
        else:
            at += 1
    return found


def _any_words(text: str, story: list[str], chosen: list[str], vocab: Vocabulary) -> list[str]:
    """A long sentence's content words for its last pass: the chosen words first, then the rest
    of the story's words (a word the titles never use may be in a body or an FAQ), never the
    words in most documents."""
    if len(_CJK.findall(text)) < LONG_QUERY_CHARS:
        return []
    found = list(dict.fromkeys([*chosen, *(w for w in story if vocab.share(w) <= COMMON_SHARE)]))
    return found if len(found) >= 2 else []


def understand(query: str) -> Understood:
    original = (query or "").strip()
    text = normalise(original)
    if not text:
        return Understood(original, "")
    if looks_like_doc_number(text):
        return Understood(original, text, terms=[text], doc_number=True)
    vocab = vocabulary()
    stripped = strip_question_words(text) or text
    corrected = " ".join(_CJK_RUN.sub(lambda m: vocab.correct(m.group(0)), part) for part in stripped.split(" "))
    lexical = lexicon_words()
    knows = lambda word: vocab.knows(word) or word in lexical  # noqa: E731
    words = without_channels(content_words(corrected, knows, vocab.channels) or [stripped.replace(" ", "")], vocab)
    story = words
    known = [w for w in words if knows(w) or not _CJK.search(w)]
    if known and (len(words) >= 4 or len(known) * 2 >= len(words)):
        words = known  # the unknown words are the story around a question; else keep them all
    specific = [w for w in words if w in lexical or vocab.share(w) <= COMMON_SHARE]
    words = specific or words
    variants = [" ".join(dict.fromkeys(v)) for v in expansions(words)]
    # most telling first: lexicon words, then the rarer in the index
    by_value = sorted(words, key=lambda w: (w not in lexical, vocab.share(w)))
    relaxed = [" ".join(w for w in words if w in by_value[:keep]) for keep in range(len(words) - 1, 0, -1)
               ][:2] if len(words) >= 2 else []
    if len(words) == 1 and len(parts := sub_words(words[0])) >= 2:
        relaxed.append(" ".join(parts))  # 生育服务证 → 生育 服务: the engine's bigram matching is as loose
    return Understood(
        original=original, text=" ".join(words), terms=words, any_words=_any_words(text, story, words, vocab),
        variants=list(dict.fromkeys(v for v in variants if v != " ".join(words)))[:MAX_VARIANTS],
        relaxed=relaxed,
        corrected=corrected if corrected != stripped and corrected.replace(" ", "") != text.replace(" ", "") else "",
    )
