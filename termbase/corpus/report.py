"""The aggregate report of a corpus run: findings per code, severity and document, how the
archive renders each glossary concept, deprecated and forbidden variants by document, and source
words without a glossary entry rendered in several ways; as text, JSON or HTML."""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from termbase.corpus.documents import DocumentResult
from termbase.qa.issues import Severity

__all__ = ["CorpusReport", "MIN_DOCUMENTS", "MIN_DICE", "render_corpus_report"]

MIN_DOCUMENTS = 2
"""A source word, or a rendering of it, must occur in this many documents to count as drift."""
MIN_DICE = 0.4
"""Least Dice association ``2 c / (df(word) + df(rendering))`` of a rendering with its word."""
TOP = 20
"""Rows of each ranked table (drifting concepts, documents with most findings, unglossed words)."""


@dataclass
class CorpusReport:
    """Accumulates :class:`DocumentResult` values as they arrive, in any order."""

    signature: str
    fail_on: str = "error"
    usage: bool = False
    documents: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    by_code: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    per_document: Counter[str] = field(default_factory=Counter)
    failed_documents: set[str] = field(default_factory=set)
    renderings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    rendering_documents: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    statuses: dict[tuple[str, str], str] = field(default_factory=dict)
    source_documents: Counter[str] = field(default_factory=Counter)
    _source_words: dict[str, frozenset[str]] = field(default_factory=dict)
    _target_names: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, result: DocumentResult) -> None:
        """Count one document's result in."""
        self.documents += 1
        if result.error is not None:
            self.errors[result.document] = result.error
        threshold = None if self.fail_on == "never" else Severity(self.fail_on).rank
        for finding in result.findings:
            self.by_code[str(finding["code"])] += 1
            self.by_severity[str(finding["severity"])] += 1
            self.per_document[result.document] += 1
            if threshold is not None and Severity(str(finding["severity"])).rank <= threshold:
                self.failed_documents.add(result.document)
        if self.usage:
            for concept, term, status in result.renderings:
                self.renderings[concept][term] += 1
                self.rendering_documents[(concept, term)].add(result.document)
                self.statuses[(concept, term)] = status
            self.source_documents.update(result.source_concepts)
            self._source_words[result.document] = frozenset(result.unglossed_source)
            self._target_names[result.document] = frozenset(result.unglossed_target)

    @property
    def failed(self) -> bool:
        """What the exit status says: a finding at or above ``fail_on``, or a document not read."""
        return bool(self.failed_documents or self.errors)

    def drifting_concepts(self) -> list[dict[str, object]]:
        """Concepts rendered in more than one way, most distinct renderings first."""
        rows = []
        for concept, counts in self.renderings.items():
            total = sum(counts.values())
            top_count = counts.most_common(1)[0][1]
            rows.append({
                "concept": concept,
                "documents": self.source_documents.get(concept, 0),
                "renderings": [
                    {"term": term, "status": self.statuses[(concept, term)], "count": count,
                     "documents": len(self.rendering_documents[(concept, term)])}
                    for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
                ],
                "distinct": len(counts),
                "drift": round(1.0 - top_count / total, 4),
            })
        rows.sort(key=lambda row: (-len(row["renderings"]), float(row["drift"]) * -1, str(row["concept"])))  # type: ignore[arg-type]
        return rows

    def discouraged(self) -> list[dict[str, object]]:
        """Deprecated and forbidden variants in targets, with the documents that use them."""
        rows: list[dict[str, object]] = []
        for (concept, term), status in sorted(self.statuses.items()):
            if status in ("deprecated", "forbidden"):
                rows.append({"concept": concept, "term": term, "status": status,
                             "documents": sorted(self.rendering_documents[(concept, term)])})
        return rows

    def unglossed(self) -> list[dict[str, object]]:
        """Source words with no glossary entry whose renderings drift: for each word left to no
        glossary term in at least :data:`MIN_DOCUMENTS` documents, the capitalised names left to
        no glossary term in the same targets that go with it (Dice ≥ :data:`MIN_DICE` over
        documents); a word with two or more such renderings is listed."""
        word_df = Counter(word for words in self._source_words.values() for word in words)
        name_df = Counter(name for names in self._target_names.values() for name in names)
        limit = max(MIN_DOCUMENTS, len(self._source_words) // 2)  # a word in most documents is a function word
        words = {w for w, n in word_df.items() if MIN_DOCUMENTS <= n <= limit}
        names = {r for r, n in name_df.items() if MIN_DOCUMENTS <= n <= limit}
        together: Counter[tuple[str, str]] = Counter()
        for document, source_words in self._source_words.items():
            targets = self._target_names.get(document, frozenset()) & names
            for word in source_words & words:
                together.update((word, name) for name in targets)
        found: dict[str, list[dict[str, object]]] = defaultdict(list)
        for (word, name), count in together.items():
            dice = 2.0 * count / (word_df[word] + name_df[name])
            if count >= MIN_DOCUMENTS and dice >= MIN_DICE:
                found[word].append({"text": name, "documents": count, "dice": round(dice, 3)})
        rows = [
            {"source": word, "documents": word_df[word],
             "renderings": sorted(renderings, key=lambda r: (-int(r["documents"]), str(r["text"])))}  # type: ignore[call-overload]
            for word, renderings in found.items() if len(renderings) >= 2
        ]
        rows.sort(key=lambda row: (-len(row["renderings"]), -int(row["documents"]), str(row["source"])))  # type: ignore[arg-type, call-overload]
        return rows[:TOP]

    def to_dict(self) -> dict[str, object]:
        """The JSON form (keys in a fixed order)."""
        data: dict[str, object] = {
            "documents": self.documents,
            "errors": [{"document": d, "error": e} for d, e in sorted(self.errors.items())],
            "findings": {
                "total": sum(self.by_code.values()),
                "by_severity": {str(s): self.by_severity.get(str(s), 0) for s in Severity},
                "by_code": dict(sorted(self.by_code.items())),
                "documents_with_findings": len(self.per_document),
            },
            "most_findings": [{"document": d, "findings": n}
                              for d, n in sorted(self.per_document.items(), key=lambda i: (-i[1], i[0]))[:TOP]],
            "signature": self.signature,
            "verdict": {"fail_on": self.fail_on, "failed": self.failed},
        }
        if self.usage:
            data["usage"] = {"concepts": self.drifting_concepts(), "discouraged": self.discouraged(),
                             "unglossed": self.unglossed()}
        return data


def render_corpus_report(report: CorpusReport, format: str) -> str:
    """``text``, ``json`` or ``html``."""
    if format == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return _html(report)
    if format == "text":
        return _text(report)
    raise ValueError(f"unknown report format {format!r}")


def _text(report: CorpusReport) -> str:
    data = report.to_dict()
    findings = data["findings"]
    assert isinstance(findings, dict)
    lines = [f"{report.documents} document(s), {findings['total']} finding(s) in "
             f"{findings['documents_with_findings']} of them, {len(report.errors)} not read"]
    by_code = findings["by_code"]
    assert isinstance(by_code, dict)
    lines += [f"  {code}: {count}" for code, count in by_code.items()]
    for document, error in sorted(report.errors.items()):
        lines.append(f"not read: {document}: {error}")
    if report.usage:
        lines.append("")
        lines.append("most drifting concepts (distinct renderings in the targets):")
        for row in report.drifting_concepts()[:TOP]:
            renderings = row["renderings"]
            assert isinstance(renderings, list)
            if int(row["distinct"]) < 2:  # type: ignore[call-overload]
                break
            shown = ", ".join(f"{r['term']} ×{r['count']}" + (f" [{r['status']}]" if r["status"] not in
                                                               ("preferred", "admitted") else "")
                              for r in renderings)
            lines.append(f"  {row['concept']}: {shown}")
        for row in report.discouraged():
            documents = row["documents"]
            assert isinstance(documents, list)
            lines.append(f"{row['status']} {row['term']!r} ({row['concept']}) in {len(documents)} document(s): "
                         + ", ".join(documents[:5]) + (" …" if len(documents) > 5 else ""))
        for row in report.unglossed():
            renderings = row["renderings"]
            assert isinstance(renderings, list)
            lines.append(f"no glossary entry: {row['source']} rendered " +
                         ", ".join(f"{r['text']} ({r['documents']} docs)" for r in renderings))
    lines.append(f"signature: {report.signature}")
    lines.append(f"verdict: {'FAILED' if report.failed else 'passed'} (fail on {report.fail_on})")
    return "\n".join(lines) + "\n"


def _chart(rows: list[dict[str, object]]) -> str:
    """An inline SVG bar chart: distinct renderings of the most drifting concepts."""
    rows = [row for row in rows if int(row["distinct"]) >= 2][:TOP]  # type: ignore[call-overload]
    if not rows:
        return "<p>No concept is rendered in more than one way.</p>"
    most = max(int(row["distinct"]) for row in rows)  # type: ignore[call-overload]
    bar_height, label_width, width = 22, 260, 420
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + width + 60}" '
             f'height="{bar_height * len(rows) + 10}" aria-label="most drifting concepts">']
    for i, row in enumerate(rows):
        y = 5 + i * bar_height
        length = int(width * int(row["distinct"]) / most)  # type: ignore[call-overload]
        concept = html.escape(str(row["concept"]))
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{concept}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{bar_height - 6}" '
                     f'fill="#c0504d"><title>{concept}: {row["distinct"]} renderings, drift {row["drift"]}'
                     f'</title></rect>')
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 15}">{row["distinct"]}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _html(report: CorpusReport) -> str:
    data = report.to_dict()
    findings = data["findings"]
    assert isinstance(findings, dict)
    esc = html.escape
    body = [f"<h1>Corpus report</h1><p>{report.documents} documents, {findings['total']} findings in "
            f"{findings['documents_with_findings']} documents, {len(report.errors)} not read. Verdict: "
            f"<strong>{'FAILED' if report.failed else 'passed'}</strong> (fail on {esc(report.fail_on)}).</p>"]
    by_code = findings["by_code"]
    assert isinstance(by_code, dict)
    body.append("<table><tr><th>code</th><th>findings</th></tr>" + "".join(
        f"<tr><td>{esc(code)}</td><td>{count}</td></tr>" for code, count in by_code.items()) + "</table>")
    if report.errors:
        body.append("<h2>Documents not read</h2><ul>" + "".join(
            f"<li>{esc(d)}: {esc(e)}</li>" for d, e in sorted(report.errors.items())) + "</ul>")
    if report.usage:
        concepts = report.drifting_concepts()
        body.append("<h2>Most drifting concepts</h2>" + _chart(concepts))
        body.append("<table><tr><th>concept</th><th>renderings</th></tr>" + "".join(
            f"<tr><td>{esc(str(row['concept']))}</td><td>" + ", ".join(
                f"{esc(str(r['term']))} ×{r['count']} ({esc(str(r['status']))})" for r in row["renderings"]  # type: ignore[attr-defined]
            ) + "</td></tr>" for row in concepts[:TOP]) + "</table>")
        discouraged = report.discouraged()
        if discouraged:
            body.append("<h2>Deprecated and forbidden variants</h2><ul>" + "".join(
                f"<li>{esc(str(row['status']))} <q>{esc(str(row['term']))}</q> ({esc(str(row['concept']))}): "
                + esc(", ".join(row["documents"])) + "</li>" for row in discouraged) + "</ul>")  # type: ignore[arg-type]
        unglossed = report.unglossed()
        if unglossed:
            body.append("<h2>Source words without a glossary entry, rendered several ways</h2><ul>" + "".join(
                f"<li lang=\"ar\">{esc(str(row['source']))}: " + esc(", ".join(
                    f"{r['text']} ({r['documents']} docs)" for r in row["renderings"])) + "</li>"  # type: ignore[attr-defined]
                for row in unglossed) + "</ul>")
    body.append(f"<p><small>{esc(report.signature)}</small></p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>termbase corpus report"
            "</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
