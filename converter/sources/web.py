"""Web sources: a URL normalised for identity, and what the footnote text says about it (publisher, date, title,
kind). Nothing is guessed: a date or title is taken only where the text gives one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(?:utm_.*|at_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|share)$", re.I)
_MONTHS = {m: i for i, m in enumerate(("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                        "september", "oktober", "november", "december"), start=1)}
_DATE_WORDS = re.compile(r"\b(?P<d>\d{1,2})\s(?P<m>" + "|".join(_MONTHS) + r")\s(?P<y>(?:19|20)\d\d)\b", re.I)
_DATE_DIGITS = re.compile(r"(?<![\d-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d\d)(?![\d-])")
# a title opens the text or follows a comma or a bracket: a quoted phrase inside a title is not one
_TITLE = re.compile(r"(?:^|(?<=,)|(?<=\()|(?<=\.))\s*(?:«\s?(?P<a>[^«»]+?)\s?»|‘(?P<b>[^‘’]+)’|“(?P<c>[^“”]+)”"
                    r"|\"(?P<d>[^\"]+)\"(?!\w)|'(?P<e>[^']+(?:'\w[^']*)*)'(?![\w]))")
_URL = re.compile(r"\(?\s?(?:https?://|ttps://|www\.)\S+")
_LEAD = re.compile(r"^\s*(?:Website\s+)?(?P<name>[^,«»‘“\"'(|:]{2,60}?)(?:\s+website)?\s*,\s*(?:d\.d\.\s*)?"
                   r"(?=\d{1,2}\s(?:" + "|".join(_MONTHS) + r")\b|\d{1,2}-\d{1,2}-\d{4}|«|‘|“|\"|'"
                   r"|\(?\s?(?:https?://|ttps://|www\.))", re.I)
_PIPE_TAIL = re.compile(r"\|\s*(?P<name>[^|()]{2,60}?)\s*(?:\(|\.?$)")
_NOT_PUBLISHER = re.compile(r"^(?:zie|see|via|bron|data|kamerbrief|brief|artikel)\b", re.I)

# Media whose several spellings in footnotes name one publisher.
_ALIASES = {
    "nos": "NOS", "nos.nl": "NOS", "nos nieuws": "NOS", "nos website": "NOS", "nos op 3": "NOS",
    "ad": "AD", "ad.nl": "AD", "algemeen dagblad": "AD", "algemene dagblad": "AD",
    "fd": "Het Financieele Dagblad", "financieel dagblad": "Het Financieele Dagblad",
    "financieele dagblad": "Het Financieele Dagblad", "het financieele dagblad": "Het Financieele Dagblad",
    "telegraaf": "De Telegraaf", "de telegraaf": "De Telegraaf", "telegraaf.nl": "De Telegraaf",
    "volkskrant": "de Volkskrant", "de volkskrant": "de Volkskrant", "nrc": "NRC", "nrc handelsblad": "NRC",
    "rtl nieuws": "RTL Nieuws", "rtl": "RTL Nieuws", "nu.nl": "NU.nl", "trouw": "Trouw", "parool": "Het Parool",
    "het parool": "Het Parool", "follow the money": "Follow the Money", "ftm": "Follow the Money",
}
_NEWS = {"NOS", "AD", "Het Financieele Dagblad", "De Telegraaf", "de Volkskrant", "NRC", "RTL Nieuws", "NU.nl",
         "Trouw", "Het Parool", "Follow the Money", "BNR", "Reuters", "The Guardian", "The New York Times",
         "EenVandaag", "Nieuwsuur", "Pointer", "Omroep Brabant", "Binnenlands Bestuur", "Medisch Contact"}
_NEWS_WORDS = re.compile(r"\b(?:dagblad|krant|courant|nieuws|news|times|post|omroep|rtv|radio|tv)\b", re.I)
_REPORT = re.compile(r"\b(?:rapport|report|onderzoeksrapport|jaarverslag|jaarrapport|evaluatie|studie|"
                     r"monitor|annual report|working document)\b", re.I)
_GOVERNMENT = re.compile(r"\b(?:kamerbrief|kamerstuk|ministerie|inspectie|rijksoverheid|beleidsregel|"
                         r"staatscourant|besluit|regeling|ambtsbericht)\b", re.I)
_GOVERNMENT_HOSTS = ("rijksoverheid.nl", "overheid.nl", "tweedekamer.nl", "eerstekamer.nl", "government.nl",
                     "officielebekendmakingen.nl", "europa.eu", "parlement.com")


@dataclass(frozen=True)
class WebSource:
    """A cited web address and what its footnote says about it."""

    url: str  # normalised for identity
    written: str  # as the footnote gives it
    kind: str  # a schema.org class: NewsArticle, WebPage, Report, CreativeWork; or GovernmentDocument (ours)
    publisher: str | None = None
    date: dt.date | None = None
    title: str | None = None


def normalise_url(url: str) -> str:
    """The URL that identifies a web source: https, no 'www.', no tracking parameters, no fragment, no
    trailing slash, the host in lower case."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit(("https", host, path, query, ""))


def find_date(text: str) -> dt.date | None:
    """The first full date the text gives ('16 april 2024', 'd.d. 1 maart 2024', '12-10-2023'), else None."""
    found = []
    for pattern in (_DATE_WORDS, _DATE_DIGITS):
        m = pattern.search(text)
        if m:
            month = _MONTHS.get(m["m"].lower()) or int(m["m"])
            try:
                found.append((m.start(), dt.date(int(m["y"]), month, int(m["d"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def find_title(text: str) -> str | None:
    """The first title the text quotes between «…», ‘…’, “…”, "…" or '…'."""
    m = _TITLE.search(_URL.sub(" ", text))
    if not m:
        return None
    title = next(v for v in m.groupdict().values() if v).strip(" ,.;")
    return title or None


def find_publisher(text: str) -> str | None:
    """The publisher or medium the footnote names before the date, title or address ('NOS, 11 november 2024,
    ...'), or after the last '|' of a page title ('... | Telegraaf.nl')."""
    m = _LEAD.match(text)
    name = m["name"].strip() if m else None
    if name is None and "|" in text:
        tail = _PIPE_TAIL.search(_URL.sub(" ", text).rstrip(" .)"))
        name = tail["name"].strip() if tail else None
    if not name or _NOT_PUBLISHER.match(name) or _MONTHS.get(name.lower()):
        return None
    return _ALIASES.get(name.lower().removesuffix(" website"), name)


def kind_of(text: str, url: str, publisher: str | None) -> str:
    """The schema.org class the text makes clear, else CreativeWork."""
    host = urlsplit(url).hostname or ""
    text = _URL.sub(" ", text)  # words in an address say nothing about the kind
    if _REPORT.search(text) or (url.lower().endswith(".pdf") and "rapport" in url.lower()):
        return "Report"
    if publisher and (publisher in _NEWS or _NEWS_WORDS.search(publisher)):
        return "NewsArticle"
    if _GOVERNMENT.search(text) or host.endswith(_GOVERNMENT_HOSTS) or (publisher and publisher.lower().startswith(
            ("ministerie", "inspectie"))):
        return "GovernmentDocument"
    if re.search(r"\b(?:website|webpagina|site)\b", text, re.I) or urlsplit(url).path in ("", "/"):
        return "WebPage"
    return "CreativeWork"


def describe(text: str, urls: tuple[str, ...]) -> list[WebSource]:
    """A web source per URL a footnote cites; publisher, date and title only where the footnote cites one URL
    (with several, the text does not say which they belong to)."""
    one = len(urls) == 1
    publisher = find_publisher(text) if one else None
    date = find_date(text) if one else None
    title = find_title(text) if one else None
    return [WebSource(url=normalise_url(u), written=u, kind=kind_of(text if one else "", u, publisher),
                      publisher=publisher, date=date, title=title) for u in urls]
