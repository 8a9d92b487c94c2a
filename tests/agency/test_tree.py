"""The unit tree: nesting for the chart, positions for the admin listing."""

import types

from vnportal.agency.models import nest
from vnportal.agency.tree import positions


def unit(pk, parent_id=None):
    return types.SimpleNamespace(pk=pk, parent_id=parent_id)


def test_nest_keeps_display_order_on_each_level():
    units = [unit(1), unit(3, 1), unit(2, 1), unit(4, 2), unit(5)]
    tree = nest(units)
    assert [node["unit"].pk for node in tree] == [1, 5]
    assert [node["unit"].pk for node in tree[0]["children"]] == [3, 2]
    assert [node["unit"].pk for node in tree[0]["children"][1]["children"]] == [4]


def test_nest_shows_a_unit_whose_parent_is_hidden_as_a_root():
    assert [node["unit"].pk for node in nest([unit(2, 1), unit(3, 2)])] == [2]


def test_positions_put_children_after_their_parent_with_their_depth():
    rows = [(1, None), (2, None), (3, 1), (4, 3), (5, 2)]
    found = positions(rows)
    order = sorted(found, key=lambda pk: found[pk][0])
    assert order == [1, 3, 4, 2, 5]
    assert {pk: depth for pk, (_p, depth) in found.items()} == {1: 0, 3: 1, 4: 2, 2: 0, 5: 1}


def test_positions_survive_a_loop():
    found = positions([(1, 2), (2, 1), (3, None)])
    assert set(found) == {1, 2, 3}
