from __future__ import annotations

import math

import pytest

import chutecode
from chutecode import Style, StyleError, build_geometry
from chutecode.drawing.geometry import merge_runs, point, ring_bounds
from conftest import SPEC_BOUNDS

TAU = 2 * math.pi


def test_perseverance_rings_sit_at_the_spec_fractions(perseverance):
    g = build_geometry(perseverance, "dgb", 200)
    assert g.radius == 100
    assert g.vent == pytest.approx(9.0)
    got = [(band.inner, band.outer) for band in g.rings]
    assert got == [pytest.approx((lo * 100, hi * 100)) for lo, hi in SPEC_BOUNDS]
    assert [band.kind for band in g.rings] == ["line", "line", "line", "coordinates"]


def test_gores_span_360_over_80_degrees_clockwise_from_the_top(perseverance):
    g = build_geometry(perseverance, "dgb", 200)
    ring0 = g.ring_sectors(0)
    assert len(ring0) == 80 and len(g.sectors) == 320
    for k, sector in enumerate(ring0):
        assert sector.gore == k
        assert sector.start == pytest.approx(math.radians(4.5 * k))
        assert sector.end - sector.start == pytest.approx(math.radians(4.5))
    # clockwise on the page: a quarter turn from 12 o'clock is 3 o'clock (y grows downwards)
    assert point((100, 100), 50, 0) == pytest.approx((100, 50))
    assert point((100, 100), 50, math.pi / 2) == pytest.approx((150, 100))
    assert point((100, 100), 50, math.pi) == pytest.approx((100, 150))


def test_sectors_carry_the_reference_bits_and_roles(perseverance, reference):
    g = build_geometry(perseverance, "dgb", 200)
    names = {"s": "spacer", "d": "data", "t": "terminator", "f": "fill"}
    for index, ring in enumerate(reference["rings"]):
        sectors = g.ring_sectors(index)
        assert "".join(str(s.bit) for s in sectors) == ring["bits"]
        assert [s.role for s in sectors] == [names[c] for c in ring["roles"]]


def test_start_angle_and_gore_offset(perseverance):
    g = build_geometry(perseverance, Style(start_angle=90, gore_offset=1), 200)
    first = g.ring_sectors(0)[0]
    assert first.start == pytest.approx(math.radians(90 + 4.5))
    assert g.radial_seams[0].angle == pytest.approx(math.radians(94.5))
    g = build_geometry(perseverance, Style(gore_offset=-2), 200)
    assert g.ring_sectors(3)[0].start == pytest.approx(math.radians(-9))


def test_dgb_generalises_to_more_disk_rings():
    layout = chutecode.encode("ONE TWO THREE FOUR FIVE", coords="1 2 3 N 4 5 6 E")
    bounds = ring_bounds([r.kind for r in layout.rings], Style())
    assert len(bounds) == 6
    assert bounds[0][0] == pytest.approx(0.09)
    assert bounds[4][1] == pytest.approx(0.80)           # the disk ends where the real one does
    assert bounds[5] == pytest.approx((0.90, 1.00))       # the coordinate ring stays on the band
    for (lo, hi), (lo2, _) in zip(bounds[:-2], bounds[1:-1], strict=True):
        assert hi == pytest.approx(lo2) and hi > lo       # disk rings edge to edge, outward


def test_dgb_without_a_place_puts_the_last_ring_on_the_band():
    layout = chutecode.encode("HELLO MARS")
    assert ring_bounds([r.kind for r in layout.rings], Style()) == \
        [pytest.approx((0.09, 0.80)), pytest.approx((0.90, 1.00))]
    single = chutecode.encode("HELLO")
    assert ring_bounds([r.kind for r in single.rings], Style()) == [pytest.approx((0.09, 1.0))]


def test_disk_style_equal_width_and_equal_area(perseverance):
    widths = ring_bounds(["line"] * 4, Style(name="disk", vent=0.1))
    assert [hi - lo for lo, hi in widths] == pytest.approx([0.225] * 4)
    assert widths[-1][1] == pytest.approx(1.0)
    areas = ring_bounds(["line"] * 4, Style(name="disk", equal="area", vent=0.1))
    assert [hi**2 - lo**2 for lo, hi in areas] == pytest.approx([(1 - 0.01) / 4] * 4)
    g = build_geometry(perseverance, Style(name="disk"), 100)
    assert g.rings[0].inner == pytest.approx(4.5) and g.rings[-1].outer == pytest.approx(50)


def test_vent_option_keeps_the_disk_edge():
    bounds = ring_bounds(["line", "line", "line", "coordinates"], Style(vent=0.2))
    assert bounds[0][0] == pytest.approx(0.2)
    assert bounds[2][1] == pytest.approx(0.8)


def test_seams(perseverance):
    g = build_geometry(perseverance, "dgb", 200)
    assert g.seam_width == pytest.approx(0.24)            # 0.12 % of the diameter
    assert len(g.radial_seams) == 80
    assert g.radial_seams[0].inner == pytest.approx(9) and g.radial_seams[0].outer == pytest.approx(100)
    assert g.circle_seams == pytest.approx([9, 37, 63, 80, 90, 100])
    none = build_geometry(perseverance, Style(seam_width=0), 200)
    assert none.seam_width == 0 and not none.radial_seams and not none.circle_seams
    assert build_geometry(perseverance, Style(seam_width="0.5mm"), 200).seam_width == pytest.approx(0.5)
    assert build_geometry(perseverance, Style(seam_width="3px"), 200, dpi=300).seam_width == \
        pytest.approx(3 / 300 * 25.4)


def test_labels_in_annotate_mode(perseverance):
    assert build_geometry(perseverance, "dgb", 200).labels == ()
    g = build_geometry(perseverance, Style(annotate=True), 200)
    texts = [[lab.text for lab in g.labels if lab.ring == i] for i in range(4)]
    assert texts == [list("DARE"), list("MIGHTY"), list("THINGS"),
                     ["34", "11", "58", "N", "118", "10", "31", "W"]]
    d = g.labels[0]
    assert d.group == 0 and d.angle == pytest.approx(math.radians(22.5))   # middle of gores 0-9
    assert d.radius == pytest.approx((9 + 37) / 2)
    for label in g.labels:
        assert math.cos(label.rotation) >= -1e-9          # never upside down
        assert 0 < label.size <= min(0.42 * 28, 0.045 * 200) + 1e-9


def test_merge_runs_wraps_round_gore_zero(perseverance):
    g = build_geometry(perseverance, "dgb", 200)
    ring = g.ring_sectors(1)      # MIGHTY: 0000010100 ... ends with 1000: runs cross gore 0
    runs = merge_runs(ring, lambda s: s.bit)
    assert sum(len(r.gores) for r in runs) == 80
    bits = perseverance.rings[1].bits
    for run in runs:
        assert {bits[k] for k in run.gores} == {str(run.key)}
        assert run.end - run.start == pytest.approx(len(run.gores) * TAU / 80)
    keys = [r.key for r in runs]
    assert all(a != b for a, b in zip(keys, keys[1:] + keys[:1], strict=True))   # neighbours always differ
    full = merge_runs(ring, lambda s: "same")
    assert len(full) == 1 and full[0].full
    assert len(merge_runs(ring, lambda s: s.bit, merge=False)) == 80


@pytest.mark.parametrize(("options", "fragment"), [
    ({"name": "round"}, "'round'"),
    ({"equal": "volume"}, "'volume'"),
    ({"start_angle": "north"}, "'north'"),
    ({"start_angle": float("nan")}, "nan"),
    ({"gore_offset": 1.5}, "1.5"),
    ({"vent": 0.9}, "0.9"),
    ({"vent": -0.1}, "-0.1"),
    ({"seam_width": -1}, "-1"),
    ({"seam_width": "thick"}, "'thick'"),
    ({"annotate": "yes"}, "'yes'"),
])
def test_bad_style_options(options, fragment):
    with pytest.raises(StyleError) as info:
        Style(**options)
    assert fragment in str(info.value)


def test_unknown_style_option():
    with pytest.raises(StyleError, match="'colour'"):
        Style().replace(colour="red")


def test_bad_size(perseverance):
    with pytest.raises(StyleError, match="size"):
        build_geometry(perseverance, "dgb", 0)
