"""PO glossaries (polib), as Weblate and Pontoon exchange them: one entry per concept.

``msgctxt`` is the concept id, ``msgid`` the preferred source term, ``msgstr`` the preferred
target term (empty when there is none). The other terms and the concept's data are extracted
comments, one ``key: value`` per line, which translators see in every PO editor::

    #. en deprecated: Tokaev
    #. ar admitted: توكايف
    #. subject: politics
    #. definition en: President of Kazakhstan since 2019.
    msgctxt "kassym-jomart-tokayev"
    msgid "قاسم جومارت توكاييف"
    msgstr "Kassym-Jomart Tokayev"

The languages are ``--lang SOURCE,TARGET`` (default ``ar,en``), recorded in the header as
``X-Source-Language`` and ``Language``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from termbase.interchange.base import GlossaryBuilder, InterchangeFormat, office_from_text, office_text, select_languages, slug
from termbase.model import MEMBERS_BY_VALUE, Concept, Glossary, GlossaryInfo, HistoryEvent, Term, TermStatus

__all__ = ["PoGlossaryFormat"]

_TERM_LINE = re.compile(r"([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*) (preferred|admitted|deprecated|forbidden): (.+)\Z")
_HISTORY = re.compile(r"(origination|modification)(?: (\d{4}-\d{2}-\d{2}))?(?: by (.+))?\Z")
_LISTS = {"note": "notes", "related": "related", "source": "sources", "xref": "xrefs", "graphic": "graphics"}
_HEADER = {"X-Glossary-Id": "id", "X-Glossary-Title": "title", "X-Glossary-Description": "description",
           "X-Glossary-License": "license", "X-Glossary-Sources": "sources"}


def _lang(value: str) -> str:
    return value.replace("_", "-")


class PoGlossaryFormat(InterchangeFormat):
    """Gettext PO files as glossaries."""

    name = "po"
    extensions = (".po", ".pot")
    cannot_hold = (
        "term fields other than status (type, part of speech, gender, usage, context, notes, sources, "
        "customer, case sensitivity)",
        "the order of a concept's terms beyond preferred-first in each language",
    )

    def __init__(self, *, langs: Sequence[str] | None = None) -> None:
        self.langs = tuple(langs) if langs else ("ar", "en")

    # -- writing ------------------------------------------------------------------------------

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        import polib

        source, target = (tuple(langs) + ("en",))[:2] if langs else self.langs[:2]
        chosen = select_languages(glossaries, langs)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                       "MIME-Version": "1.0", "Language": target, "X-Source-Language": source}
        if len(chosen) == 1:
            info = chosen[0].info
            values = {"id": info.id, "title": info.title, "description": info.description,
                      "license": info.license, "sources": " | ".join(info.sources) or None}
            for key, field in _HEADER.items():
                if values[field]:
                    po.metadata[key] = str(values[field])
        for glossary in chosen:
            for concept in glossary.concepts:
                po.append(self._entry(concept, source, target))
        return str(po).encode("utf-8") + b"\n"

    @staticmethod
    def _entry(concept: Concept, source: str, target: str) -> object:
        import polib

        comments: list[str] = []
        head = concept.preferred(source) or next(iter(concept.terms_in(source)), None)
        if head is None:
            head = concept.terms[0]
            comments.append(f"msgid lang: {head.lang}")
        if head.status is not TermStatus.PREFERRED:
            comments.append(f"msgid status: {head.status.value}")
        translation = concept.preferred(target) if head.lang != target else None
        for term in sorted(concept.terms, key=lambda t: (concept.languages.index(t.lang), t.status.rank)):
            if term is not head and term is not translation:
                comments.append(f"{term.lang} {term.status.value}: {term.text}")
        if concept.subject:
            comments.append(f"subject: {concept.subject}")
        comments += [f"definition {lang}: {text}" for lang, text in concept.definitions.items()]
        for key, attribute in _LISTS.items():
            comments += [f"{key}: {value}" for value in getattr(concept, attribute)]
        if concept.customer:
            comments.append(f"customer: {concept.customer}")
        for event in concept.history:
            comments.append("history: " + " ".join(
                [event.action] + ([event.date] if event.date else []) + ([f"by {event.by}"] if event.by else [])))
        comments += [f"office: {office_text(office)}" for office in concept.offices]
        if concept.glossary:
            comments.append(f"glossary: {concept.glossary}")
        return polib.POEntry(msgctxt=concept.id, msgid=head.text, msgstr=translation.text if translation else "",
                             comment="\n".join(comments))

    # -- reading ------------------------------------------------------------------------------

    def read(self, data: bytes, path: str) -> Glossary:
        from termbase.formats.po import _load  # the one PO parser: strict lines, located errors
        from termbase.textio import read_text_bytes

        po = _load(read_text_bytes(data, path), path)
        source = _lang(po.metadata.get("X-Source-Language") or self.langs[0])
        target = _lang(po.metadata.get("Language") or (self.langs[1] if len(self.langs) > 1 else "en"))
        builder = GlossaryBuilder(path, data)
        used: set[str] = set()
        for entry in po:
            if entry.obsolete or not entry.msgid:
                continue
            builder_line = entry.linenum
            concept = self._concept(entry, source, target, builder, used)
            lines = [builder_line] * len(concept.terms)
            builder.add(concept, builder_line, lines)
            used.add(concept.id)
        info = None
        if po.metadata.get("X-Glossary-Id"):
            meta = {field: po.metadata.get(key) or None for key, field in _HEADER.items()}
            info = GlossaryInfo(id=str(meta["id"]), path=path, title=meta["title"], description=meta["description"],
                                license=meta["license"],
                                sources=tuple(s for s in (meta["sources"] or "").split(" | ") if s))
        return builder.build(info)

    @staticmethod
    def _concept(entry: object, source: str, target: str, builder: GlossaryBuilder, used: set[str]) -> Concept:
        msgid: str = entry.msgid  # type: ignore[attr-defined]
        msgstr: str = entry.msgstr  # type: ignore[attr-defined]
        line: int = entry.linenum  # type: ignore[attr-defined]
        context: str | None = entry.msgctxt  # type: ignore[attr-defined]
        comment_lines = (entry.comment or "").splitlines()  # type: ignore[attr-defined]
        fields: dict[str, list[str]] = {}
        extra: list[Term] = []
        head_lang, head_status = source, TermStatus.PREFERRED
        for raw in comment_lines:
            item = raw.strip()
            match = _TERM_LINE.match(item)
            if match:
                status = MEMBERS_BY_VALUE[TermStatus][match.group(2)]
                extra.append(Term(text=match.group(3).strip(), lang=match.group(1), status=status))
                continue
            key, _, value = item.partition(": ")
            if key == "msgid lang":
                head_lang = value
            elif key == "msgid status" and value in MEMBERS_BY_VALUE[TermStatus]:
                head_status = MEMBERS_BY_VALUE[TermStatus][value]
            elif key == "office" and (office := office_from_text(value)) is not None:
                fields.setdefault("office", []).append(value)
            elif value and (key in _LISTS or key in ("subject", "customer", "history", "glossary")
                            or key.startswith("definition ")):
                fields.setdefault(key, []).append(value)
            elif item:
                fields.setdefault("note", []).append(item)
        for translator_note in (entry.tcomment or "").splitlines():  # type: ignore[attr-defined]
            if translator_note.strip():
                fields.setdefault("note", []).append(translator_note.strip())
        terms = [Term(text=msgid.strip(), lang=head_lang, status=head_status)]
        if msgstr.strip():
            terms.append(Term(text=msgstr.strip(), lang=target, status=TermStatus.PREFERRED))
        terms += extra
        languages = list(dict.fromkeys(t.lang for t in terms))
        terms.sort(key=lambda t: (languages.index(t.lang), t.status.rank))
        if context:
            concept_id = builder.concept_id(context, line)
        else:
            concept_id = base = slug(msgid) or f"entry-{line}"
            number = 2
            while concept_id in used:
                concept_id, number = f"{base}-{number}", number + 1
        history = []
        for item in fields.get("history", []):
            found = _HISTORY.match(item)
            if found is None:
                raise builder.fail(f"history comment {item!r} is not 'origination|modification [YYYY-MM-DD] "
                                   "[by NAME]'", line, f"entry {concept_id}")
            history.append(HistoryEvent(found.group(1), found.group(2), found.group(3)))
        definitions = {key.split(" ", 1)[1]: values[0] for key, values in fields.items() if key.startswith("definition ")}
        return Concept(
            id=concept_id, terms=tuple(terms), subject=next(iter(fields.get("subject", ())), None),
            definitions=MappingProxyType(definitions), notes=tuple(fields.get("note", ())),
            related=tuple(fields.get("related", ())), sources=tuple(fields.get("source", ())),
            xrefs=tuple(fields.get("xref", ())), graphics=tuple(fields.get("graphic", ())),
            customer=next(iter(fields.get("customer", ())), None), history=tuple(history),
            glossary=(fields.get("glossary") or [""])[0],
            offices=tuple(o for o in map(office_from_text, fields.get("office", ())) if o is not None),
        )
