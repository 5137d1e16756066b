"""A heading that names a pollutant (第二节 加大重金属污染防治力度, 专栏5 重金属综合整治示范)
says what every unit under it is on, as a document's title does for its articles."""

from __future__ import annotations


def _why(item) -> list[str]:
    return (item.matched or {}).get("pollutant", [])


def test_a_box_on_heavy_metals_puts_every_item_on_heavy_metals(plan_kg):
    items = plan_kg.measures(pollutant="重金属")
    by_title = {i.title: i for i in items}
    # 泰州靖江市（电镀行业综合整治） names no metal: it stands in the box on heavy metals
    plating = by_title["泰州靖江市（电镀行业综合整治）"]
    assert _why(plating) == ["under a heading on 重金属"] and not plating.pollutants
    assert sum(1 for i in items if i.kind == "box-item") == 24
    # units that name heavy metals themselves come first, the ones under the heading after
    only_heading = [k for k, i in enumerate(items) if _why(i) == ["under a heading on 重金属"]]
    naming = [k for k, i in enumerate(items) if any(w.startswith("names") for w in _why(i))]
    assert only_heading and naming and max(naming) < min(only_heading)


def test_a_heading_on_a_group_does_not_put_its_units_on_each_member(plan_kg):
    """重金属 is a group of 镉, 铅 …: a unit under it is not, for that, on cadmium."""
    cadmium = plan_kg.measures(pollutant="镉")
    assert not [i for i in cadmium if any("heading" in w for w in _why(i))]
    assert "泰州靖江市（电镀行业综合整治）" not in {i.title for i in cadmium}


def test_the_heading_is_about_the_pollutant_in_the_graph(plan_kg):
    rows = plan_kg.sparql(
        "SELECT ?title WHERE { ?div pkg:aboutPollutant ?p ; eli:title ?title . "
        "?p skos:prefLabel ?label FILTER (str(?label) = '重金属') "
        "FILTER NOT EXISTS { ?div a pkg:Document } }"
    )
    titles = {str(r["title"]) for r in rows}
    assert titles == {"加大重金属污染防治力度", "重金属综合整治示范"}
