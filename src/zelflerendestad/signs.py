"""The sign table: which lever moves which state variable, in which direction, by how much.

One declaration (`EFFECTS`) -> `docgen` -> the sign table in the ODD's design concepts. Each
row names the lever, the state variable or rate it moves, the sign of the first-order effect
(`+`, `-`, or `±` when the sign depends on state or parameters, with the condition), the
parameters that set its size and the ODD section with the equation. The evidence column is not
typed here: the docs read each size parameter's basis and value source from the schema, so a
row's evidence is exactly what its numbers rest on. Signs are those of the direct effect in the
named equation; what a lever does to an outcome after feedback (through engagement, commons,
learning) is a result of runs, not of this table. A mechanism added to the model adds its rows
here; a test checks that every parameter and section named exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Sign = Literal["+", "-", "±"]
# The municipality's levers (MODEL.md step 2 and the interventions of step 7).
LEVERS = ("vertical share", "effort", "V", "H", "subsidy", "enforcement", "recognition",
          "imposed rules", "connector programme", "reflection training", "learning circle",
          "learning network", "learning culture")


@dataclass(frozen=True)
class Effect:
    """One lever's direct effect on one state variable."""

    lever: str
    moves: str  # the state variable or rate, as the ODD names it
    sign: Sign
    size: tuple[str, ...]  # key paths of the parameters that set the effect's size
    section: str  # anchor of the ODD section with the equation
    condition: str = ""  # when the sign depends on state or parameters; who is reached


EFFECTS: tuple[Effect, ...] = (
    # the lever itself: how vertical_share and effort become V and H (steps 1-2)
    Effect("vertical share", "V (realised vertical intensity)", "+", ("municipality.effort",),
           "step-2", "V = min(1, effort x vertical_share)"),
    Effect("vertical share", "officials' street time, hence H", "-",
           ("officials.style_weight", "officials.learning_share"), "step-1",
           "less so the more officials follow their own style"),
    Effect("vertical share", "officials' strain", "±",
           ("officials.strain_mismatch_weight", "officials.strain_rate"), "step-1",
           "strain follows the distance between an official's style and the mix: up for "
           "horizontal officials as the share rises, down for vertical ones"),
    Effect("effort", "V and H", "+", (), "step-2", "both capped at 1"),
    # V: programmes, rules, control, procedure (step 3)
    Effect("V", "engaged (broadcast wake-up)", "+",
           ("engagement.broadcast_rate", "engagement.receptivity_weight"), "step-3b",
           "reaches every passive resident alike, the isolated included; scaled by motivation"),
    Effect("V", "ownership of engaged residents (procedure)", "-",
           ("residents.ownership_procedure_loss",), "step-3b-ownership",
           "engaged residents only; below engagement.activation_ownership they stop being "
           "active"),
    Effect("V", "trust in government of every resident (reliability)", "+",
           ("trust.reliability_gain",), "step-3b-trust"),
    Effect("V", "ownership of engaged residents (programme roles)", "+",
           ("residents.programme_role_gain",), "step-3b-ownership",
           "reaches every engaged resident alike; net of procedure the sign of V on ownership "
           "is that of gain x (1 - ownership) - procedure_loss x ownership"),
    Effect("V", "ownership needed to act (legal certainty)", "-",
           ("engagement.certainty_relief",), "step-3b-ownership",
           "scaled by control, so enforcement adds to it"),
    Effect("V", "active residents' energy drain (handover load)", "-",
           ("residents.handover_load",), "step-3b-ownership",
           "the less the municipality does itself, the more its volunteers carry"),
    Effect("H", "officials' strain (street work)", "+",
           ("officials.street_strain",), "step-1",
           "strain brings sick leave and quitting (officials.sick_leave_rate, "
           "officials.leave_rate), which take street time away again: H limits itself"),
    Effect("V", "trust in government of engaged residents (procedure)", "-",
           ("trust.procedure_loss",), "step-3b-trust"),
    Effect("V", "incidents (control)", "-", ("incidents.control_reduction",), "step-3b-trust",
           "incidents of active residents and the base incidents of all residents alike; "
           "active neighbours prevent base incidents too (incidents.collective_efficacy)"),
    Effect("V", "beliefs (socialisation into the code)", "±", ("learning.socialisation_rate",),
           "step-4", "raises a resident's knowledge where the code is right, lowers it where "
           "the code is wrong; faster socialisation lowers long-run knowledge (March 1991)"),
    Effect("V", "imposed rules when an initiative organises", "+",
           ("commons.municipality.impose_share",), "step-5-organise",
           "procedure = V + subsidy and enforcement terms"),
    Effect("V", "overruling of a commons' own rules", "+",
           ("commons.municipality.overrule_rate",), "step-5-municipality",
           "a recognised commons is spared commons.municipality.recognition_shield of it"),
    Effect("V", "commons linked into the municipality's network (P8 nesting)", "+",
           ("commons.municipality.coordination_rate",), "step-5-coordination",
           "a linked commons counts as fully tied: rule learning, conflict support, P8"),
    Effect("V", "contributors' energy drain (coordination meetings)", "+",
           ("commons.municipality.coordination_load",), "step-5-coordination",
           "linked commons only; a fixed load per commons, so heavier the fewer contributors"),
    # H: presence, facilitation, recognition (steps 3-5)
    Effect("H", "engaged (word of mouth)", "+", ("engagement.facilitation_gain",), "step-3b",
           "multiplies word of mouth, so it reaches only residents with engaged contacts"),
    Effect("H", "trust in government (presence)", "+",
           ("trust.presence_gain", "trust.presence_bias"), "step-3b-trust",
           "favours the engaged and well connected when trust.presence_bias > 0"),
    Effect("H", "ownership of engaged residents (recognition)", "+",
           ("residents.ownership_gain", "trust.presence_bias"), "step-3b-ownership",
           "engaged residents met in the street"),
    Effect("H", "intrinsic motivation (recognition crowds in)", "+", ("crowding.crowd_in",),
           "step-3c", "engaged residents met in the street"),
    Effect("H", "the code (learns from residents who do better)", "±",
           ("learning.code_learning_rate",), "step-4",
           "adopts the majority of the superior group, right or wrong on each dimension"),
    Effect("H", "recognition of commons (P7)", "+", ("commons.municipality.recognise_rate",),
           "step-5-municipality", "commons with their own rules only"),
    Effect("H", "conflict resolution (P6)", "+", ("commons.conflict.facilitation",),
           "step-5-conflicts"),
    Effect("H", "real connectors among a programme's picks", "+", (), "step-7",
           "each pick is a real connector with probability H, else a visible usual suspect"),
    # subsidy (conditional: money and relief, with procedure and control)
    Effect("subsidy", "energy drain of active residents and contributors", "-",
           ("programmes.subsidy_relief",), "step-3b-ownership"),
    Effect("subsidy", "a commons' money", "+", ("commons.money.subsidy_amount",),
           "step-5-money", "organised commons only"),
    Effect("subsidy", "procedure (ownership, trust, imposing, overruling)", "+",
           ("programmes.subsidy_procedure",), "step-2", "added to V, capped at 1"),
    Effect("subsidy", "intrinsic motivation (felt control)", "±",
           ("crowding.subsidy_weight", "crowding.crowd_out", "crowding.low_interest_gain"),
           "step-3c", "engaged residents: down above crowding.pivot, up below it; outlasts "
           "the subsidy (crowding.fade, crowding.reframing)"),
    Effect("subsidy", "monitoring of the resource (P4, 4B)", "+", ("commons.money.cost_cut",),
           "step-5-money", "the audit lets a commons in debt cut costs"),
    Effect("subsidy", "contributors' energy drain (the subsidy's conditions)", "+",
           ("commons.money.reporting_load",), "step-5-value",
           "a fixed load per commons, so heavier the fewer contributors; the money helps only "
           "a commons short of it"),
    Effect("subsidy", "capture by a few (the audit holds the commons to account)", "-",
           ("commons.capture.vertical_check",), "step-5-capture",
           "only where neither imposed rules nor enforcement already do"),
    # enforcement (fines, municipal monitoring)
    Effect("enforcement", "incidents (control)", "-",
           ("programmes.enforcement_control", "incidents.control_reduction"), "step-3b-trust"),
    Effect("enforcement", "procedure (ownership, trust, imposing, overruling)", "+",
           ("programmes.enforcement_control",), "step-2", "added to V, capped at 1"),
    Effect("enforcement", "free-riders seen and sanctioned (P4)", "+",
           ("commons.monitoring.external_detection",), "step-5-sanctions",
           "municipal sanctions are at full severity"),
    Effect("enforcement", "contribution (deterrence)", "+",
           ("commons.cooperation.deterrence_weight",), "step-5-contribute"),
    Effect("enforcement", "conflicts and exits after harsh sanctions", "+",
           ("commons.monitoring.contest_rate", "commons.monitoring.harsh_exit"),
           "step-5-sanctions", "contests only by members who did not make the rules"),
    Effect("enforcement", "conflict resolution (a neutral arbiter, P6)", "+",
           ("commons.conflict.arbitration",), "step-5-conflicts"),
    Effect("enforcement", "capture by a few (accountability)", "-",
           ("commons.capture.vertical_check",), "step-5-capture",
           "capture drives out members without a say and lowers felt legitimacy"),
    Effect("enforcement", "intrinsic motivation (felt control)", "±",
           ("crowding.enforcement_weight", "crowding.crowd_out", "crowding.low_interest_gain"),
           "step-3c", "engaged residents: down above crowding.pivot, up below it; outlasts "
           "the fines (crowding.fade, crowding.reframing)"),
    # recognition of a commons (P7), given by H above
    Effect("recognition", "overruling of a commons' own rules", "-",
           ("commons.municipality.recognition_shield",), "step-5-municipality"),
    Effect("recognition", "members' intrinsic motivation", "+",
           ("crowding.commons_recognition", "crowding.crowd_in"), "step-3c"),
    # imposed rules (by V at organising, overruling, or the event rules_imposed)
    Effect("imposed rules", "contribution (legitimacy of rules one made, P3)", "-",
           ("commons.cooperation.legitimacy_weight",), "step-5-contribute",
           "nobody in the commons made the rules in force"),
    Effect("imposed rules", "member exits", "+", ("commons.municipality.imposed_exit",),
           "step-5-exits"),
    Effect("imposed rules", "members' intrinsic motivation (felt control)", "±",
           ("crowding.imposed_weight", "crowding.crowd_out", "crowding.low_interest_gain"),
           "step-3c", "down above crowding.pivot, up below it"),
    Effect("imposed rules", "conflicts from contested sanctions", "+",
           ("commons.monitoring.contest_rate",), "step-5-sanctions",
           "imposed rules sanction at full severity and nobody made them"),
    Effect("imposed rules", "rule fit (P2): public value and conflicts", "±",
           ("commons.conflict.incongruence_weight",), "step-5-value",
           "the rules are the code: better than the members' where the code knows more"),
    Effect("imposed rules", "conflicts the work brings (legal certainty)", "-",
           ("commons.conflict.clarity",), "step-5-conflicts",
           "net of misfit, imposed rules raise conflicts where the code is wrong (row above)"),
    Effect("imposed rules", "capture by a few", "±",
           ("commons.capture.vertical_check", "commons.capture.self_check"), "step-5-capture",
           "adds the municipality's check (vertical_check) but takes away the members' say "
           "(P3, half of self_check's weight): the sign depends on both and on how many "
           "members had made the rules"),
    Effect("imposed rules", "rule review (double loop)", "-", ("commons.rules.review_rate",),
           "step-5-review", "commons on imposed rules do not review or learn rules"),
    # programmes (step 7)
    Effect("connector programme", "engaged and ownership of the residents picked", "+",
           ("programmes.connector_programme_size", "programmes.investment_ownership"),
           "step-7", "real connectors only as far as H finds them (row H above)"),
    Effect("reflection training", "learning capacity of the invested", "+",
           ("learning.reflection_gain",), "step-4"),
    Effect("reflection training", "learning capacity of their contacts", "+",
           ("learning.reflection_spread",), "step-4"),
    Effect("learning circle", "the code (one true dimension taught)", "+",
           ("learning.circle_rate",), "step-4", "scaled by officials' learning time"),
    Effect("learning network", "rule fit of commons in it (P2)", "+",
           ("commons.rules.network_learning",), "step-5-review", "commons with own rules"),
    Effect("learning network", "a commons' costs", "-", ("commons.money.network_cost_relief",),
           "step-5-money"),
    Effect("learning culture", "officials' learning time, hence leadership order", "+",
           ("officials.order_growth_rate",), "step-1", "protects learning time from urgency"),
)
