"""The dashboard's colours and short labels, shared by the pages and the HTML table builders."""

from __future__ import annotations

DESIRED_COLOR = "#0072B2"  # Okabe–Ito blue: a change or classification in the desired direction
UNDESIRED_COLOR = "#B34700"  # a darker Okabe–Ito vermillion: against it (5.5:1 on white as text; #D55E00 is 3.9:1)
UPDATED = "opdateret"
NO_TEST = "–"  # no interval (numerator and denominator unknown) or too few periods for a trend
IS_BEST = "bedste region"
WORSE_AND_WORSENING = "Signifikant dårligere og forværret"

SIGNIFICANCE_COLORS = {"signifikant bedre": DESIRED_COLOR, "signifikant dårligere": UNDESIRED_COLOR}
MOVEMENT_COLORS = {"henter ind": DESIRED_COLOR, "lægger afstand": UNDESIRED_COLOR}
# narrow columns say the short form under a "Signifikant ..." heading; the full classification is the tooltip
SHORT_SIGNIFICANCE = {
    "signifikant bedre": "bedre", "signifikant dårligere": "dårligere", "ikke signifikant forskellig": "ikke forskellig",
}
