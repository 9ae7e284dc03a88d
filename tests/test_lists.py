"""Lists (site.lists): which letters each list holds, what an entry shows, pages of PAGE_SIZE, and that adding a
letter re-renders only the lists it is on."""

from __future__ import annotations

import re

from viewfactory import letter, member, office

from converter.site.lists import PAGE_SIZE, collect_listings, list_files, list_units
from converter.site.viewtypes import LetterView, SiteInput

FIN = office("mnre1018", "Ministerie van Financiën")
DEF = office("mnre1034", "Ministerie van Defensie")
DE_VRIES = member("m1", "de Vries", ("p-d66", "D66"), "Anna")
BOS = member("m2", "Bos", ("p-sp", "SP"), "Bram")


def _answer(zaak: str, asked: str, answered: str, who: list, to: dict, title: str = "Vragen") -> LetterView:
    return letter(zaak, title=title, submitted=asked, issued=answered, askers=who, addressee=to,
                  questions=["Waarom?"], answers=[([1], "Daarom.")], number=f"ah-{zaak}")


def _views() -> tuple[LetterView, ...]:
    views = [
        _answer("2024Z00001", "2024-01-02", "2024-01-12", [DE_VRIES], FIN, "Belasting op garnalen"),  # 10 days
        _answer("2024Z00002", "2024-02-01", "2024-03-15", [DE_VRIES, BOS], DEF, "Munitie"),  # 43 days: late
        _answer("2025Z00003", "2025-01-06", "2025-03-03", [BOS], DEF, "Kazernes"),  # 56 days, delay notice
        letter("2025Z00003", "DelayNotice", title="Kazernes", submitted="2025-01-06", issued="2025-01-24",
               askers=[BOS], addressee=DEF, questions=[], answers=[], number="ah-2025Z00003-u"),
        _answer("2024Z00004", "2024-05-01", "2024-05-22", [BOS], FIN, "Toeslagen"),  # exactly 21 days: in time
    ]
    return tuple(sorted(views, key=lambda v: v["graph"]))


def _titles(listing_entries: list) -> list[str]:
    return [e["title"] for e in listing_entries]


def test_each_list_holds_the_letters_of_its_ministry_party_member_and_year() -> None:
    lists = collect_listings(_views(), {})
    assert _titles(lists["lijsten/ministerie/mnre1018"].entries) == ["Toeslagen", "Belasting op garnalen"]
    assert _titles(lists["lijsten/partij/p-d66"].entries) == ["Munitie", "Belasting op garnalen"]
    assert _titles(lists["lijsten/lid/m2"].entries) == ["Kazernes", "Kazernes", "Toeslagen", "Munitie"]
    assert lists["lijsten/lid/m2"].title == "Bram Bos"
    assert _titles(lists["lijsten/jaar/2025"].entries) == ["Kazernes", "Kazernes"]
    assert sorted(lists) == sorted([
        "lijsten/ministerie/mnre1018", "lijsten/ministerie/mnre1034", "lijsten/partij/p-d66", "lijsten/partij/p-sp",
        "lijsten/lid/m1", "lijsten/lid/m2", "lijsten/jaar/2024", "lijsten/jaar/2025", "lijsten/te-laat"])


def test_late_means_over_three_weeks_without_a_delay_notice() -> None:
    late = collect_listings(_views(), {})["lijsten/te-laat"]
    assert _titles(late.entries) == ["Munitie"]  # Kazernes took longer, but a delay notice was sent
    assert late.entries[0]["days"] == 43


def test_an_entry_shows_subject_askers_with_party_ministry_dates_and_days() -> None:
    listing = collect_listings(_views(), {})["lijsten/partij/p-d66"]
    page = list_files(listing)["lijsten/partij/p-d66/index.html"].decode("utf-8")
    item = re.search(r'<li class="entry">.*?Munitie.*?</li>', page, re.S).group(0)  # type: ignore[union-attr]
    text = re.sub(r"<[^>]+>", "", item)
    for part in ("Munitie", "Anna de Vries (D66)", "Bram Bos (SP)", "Ministerie van Defensie",
                 "ingezonden 1 februari 2024", "beantwoord 15 maart 2024", "43 dagen", "te laat"):
        assert part in text, part
    assert 'href="../../../aanhangsel/ah-2024Z00002/index.html"' in item
    assert "<script" not in page.split("</head>", 1)[1].replace('<script type="application/ld+json">', "")


def test_a_long_list_is_split_into_pages_that_link_each_other() -> None:
    views = tuple(_answer(f"2024Z{i:05d}", "2024-01-02", "2024-01-09", [BOS], FIN) for i in range(PAGE_SIZE * 2 + 3))
    listing = collect_listings(views, {})["lijsten/ministerie/mnre1018"]
    files = list_files(listing)
    assert sorted(files) == ["lijsten/ministerie/mnre1018/index.html",
                             "lijsten/ministerie/mnre1018/pagina/2/index.html",
                             "lijsten/ministerie/mnre1018/pagina/3/index.html"]
    counts = [files[p].decode().count('<li class="entry">') for p in sorted(files)]
    assert counts == [PAGE_SIZE, PAGE_SIZE, 3]
    second = files["lijsten/ministerie/mnre1018/pagina/2/index.html"].decode()
    assert 'rel="prev" href="../../index.html"' in second and 'rel="next" href="../3/index.html"' in second
    assert "Pagina 2 van 3" in second


def test_adding_a_letter_re_renders_only_the_lists_it_is_on() -> None:
    views = _views()
    site = SiteInput(views=views, names={}, base="https://w3id.org/kamervragen/id/", downloads=())
    before = {u.name: u.key for u in list_units(site)}
    extra = _answer("2024Z00009", "2024-06-03", "2024-06-10", [DE_VRIES], FIN, "Accijns")
    site = SiteInput(views=tuple(sorted([*views, extra], key=lambda v: v["graph"])), names={},
                     base=site.base, downloads=())
    after = {u.name: u.key for u in list_units(site)}
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert changed == ["lists", "lists/lijsten/jaar/2024", "lists/lijsten/lid/m1", "lists/lijsten/ministerie/mnre1018",
                       "lists/lijsten/partij/p-d66"]
