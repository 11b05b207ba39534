"""The demonstration: Hywel Dda's seven clusters rated by three raters for 2026-27 (synthetic), one draw for
2026-27 with seed 2026, and a review with actions from seed 003's West Wales feedback."""

import io

from cymuned.maturity import demo as maturity_demo
from cymuned.maturity.models import Assessment, Consensus, Rating
from cymuned.peerreview import demo as peer_demo
from cymuned.peerreview.letter import letter
from cymuned.peerreview.models import Draw, Review
from cymuned.peerreview.views import letter_data


def test_demo(reference):
    for _ in range(2):  # safe to run again
        maturity_demo.load(io.StringIO())
        peer_demo.load(io.StringIO())
    assessments = Assessment.objects.filter(cycle="2026-27")
    assert sorted(assessments.values_list("unit__code", flat=True)) == sorted(
        ["AG", "LL", "TT", "NC", "SC", "NP", "SP"]
    )
    assert all(assessments.values_list("synthetic", flat=True))
    # 7 clusters × 8 domains × 3 raters, and one agreed stage per cluster and domain
    assert Rating.objects.count() == 7 * 8 * 3 and Consensus.objects.count() == 7 * 8
    assert set(Rating.objects.values_list("rater", flat=True)) == {
        "Rater A (cluster lead)",
        "Rater B (practice manager)",
        "Rater C (local authority)",
    }
    # appendix B (2022-23) and the 2026-27 draw
    assert sorted(Draw.objects.values_list("cycle", "seed")) == [("2022-23", None), ("2026-27", 2026)]
    review = Review.objects.get()
    assert review.line.health_board.code == "7A2" and review.synthetic and review.actions.count() == 8
    document = letter(letter_data(review.line), "both")
    assert "West Wales Regional Partnership Board" in str(document)
