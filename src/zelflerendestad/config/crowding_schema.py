"""Config section for motivation crowding (step 3c), beside the other step-3 settings.

`CityConfig` includes `crowding` from here. The anchors give directions and effect sizes on
other scales (free-choice time in laboratory tasks), not the rates below; so every number
here is an assumption, and the papers stand as the basis of the mechanism.
"""

from __future__ import annotations

from .params import ASSUMPTION, SETTING, Section, param

FJ = "Frey & Jegen (2001)"
DKR = "Deci, Koestner & Ryan (1999)"
CAM = "Cameron et al. (2001)"
GR = "Gneezy & Rustichini (2000)"
BPR = "Bowles & Polania-Reyes (2012)"
DECARO = "DeCaro, Janssen & Lee (2015)"
# Deci, Koestner & Ryan (1999), abstract: engagement-, completion- and performance-contingent
# rewards lower free-choice intrinsic motivation by d = -0.40, -0.36, -0.28; positive feedback
# raises it by d = +0.33. Effect sizes in SD of free-choice time, not shares of a gap.
DKR_TANGIBLE = DKR + " (tangible contingent rewards: d = -0.28 to -0.40 on free choice)"
DKR_VERBAL = DKR + " (positive feedback: d = +0.33 on free choice)"


class CrowdingSettings(Section):
    """Motivation crowding: controlling instruments and recognition move intrinsic motivation.

    Controlling pressure (conditional subsidy, enforcement, imposed rules) builds up a felt
    control that pulls motivation toward `pivot`: down for those who were more motivated, up
    for those who were less (low-interest tasks). Recognition pulls it up. Felt control fades
    slower than it rises and, while felt, shifts the level motivation returns to (hysteresis).
    """

    enabled: bool = param(True, "Let controlling instruments and recognition move intrinsic "
                          "motivation", unit="on/off", basis=FJ, value_source=SETTING, key=True)
    subsidy_weight: float = param(
        0.4, "Control an engaged resident feels from a conditional subsidy programme",
        unit="control [0, 1]", basis=FJ + "; " + DKR_TANGIBLE, value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    enforcement_weight: float = param(
        0.6, "Control an engaged resident feels from enforcement (fines)",
        unit="control [0, 1]", basis=GR + "; " + BPR, value_source=ASSUMPTION, ge=0.0, le=1.0)
    imposed_weight: float = param(
        0.6, "Control a member feels from imposed rules in their commons",
        unit="control [0, 1]", basis=DECARO + "; " + FJ, value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    rise: float = param(0.2, "Weekly rate at which felt control rises toward the pressure",
                        unit="per week", basis=FJ, value_source=ASSUMPTION, ge=0.0, le=1.0)
    fade: float = param(
        0.02, "Weekly rate at which felt control fades once the pressure is lower",
        unit="per week", basis=GR + " (effects outlast the fine)", value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    crowd_out: float = param(
        0.5, "Pull of motivation toward the pivot at full felt control, for those above it",
        unit="share of the gap", basis=FJ + "; " + DKR_TANGIBLE, value_source=ASSUMPTION,
        ge=0.0, le=1.0)
    low_interest_gain: float = param(
        0.2, "Pull of motivation up toward the pivot at full felt control, for those below it",
        unit="share of the gap", basis=CAM + " (rewards for low-interest tasks raise free "
        "choice)", value_source=ASSUMPTION, ge=0.0, le=1.0)
    pivot: float = param(
        0.3, "Motivation level controlling pressure pulls toward (crowding's sign flips here)",
        unit="score [0, 1]", basis=CAM + "; " + BPR, value_source=ASSUMPTION, ge=0.0, le=1.0)
    crowd_in: float = param(
        0.3, "Pull of motivation toward 1 at full recognition", unit="share of the gap",
        basis=FJ + " (crowding in); " + DKR_VERBAL, value_source=ASSUMPTION, ge=0.0, le=1.0)
    adjust: float = param(0.05, "Weekly rate at which motivation moves toward its target",
                          unit="per week", basis=FJ, value_source=ASSUMPTION, ge=0.0, le=1.0)
    reframing: float = param(
        0.01, "Weekly shift, at full felt control, of the level motivation returns to toward "
        "the current motivation (a fine becomes a price)", unit="per week",
        basis=GR + "; " + BPR, value_source=ASSUMPTION, ge=0.0, le=1.0)
    commons_recognition: float = param(
        0.5, "Recognition a member of a recognised commons feels", unit="recognition [0, 1]",
        basis="Ostrom (1990) (P7)", value_source=ASSUMPTION, ge=0.0, le=1.0)
