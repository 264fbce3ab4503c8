"""Mesa's own SolaraViz on CityModel: sliders for two key paths, plots of weekly measures.

    solara run examples/solaraviz_city.py

The workshop app (`zelflerendestad app`) is the bilingual, projector-ready front end; this
page shows that a Mesa user's generic tools work on the model as on any Mesa model. The
sliders name config keys by their short names (config/keywords.py); Mesa's "Reset" builds a
new model with a fresh seed, and `model.seed` records it.
"""

from mesa.visualization import SolaraViz, make_plot_component

from zelflerendestad.model import CityModel

model_params = {
    "vertical_share": {"type": "SliderFloat", "value": 0.5, "label": "Vertical share",
                       "min": 0.0, "max": 1.0, "step": 0.05},
    "residents": {"type": "SliderInt", "value": 500, "label": "Residents",
                  "min": 200, "max": 2000, "step": 100},
    "neighbourhoods": 4,
    "weeks": 104,
}

model = CityModel(vertical_share=0.5, residents=500, neighbourhoods=4, weeks=104, seed=1)
page = SolaraViz(
    model,
    components=[make_plot_component(["engaged_share", "active_share"]),
                make_plot_component(["trust_government", "knowledge_residents"])],
    model_params=model_params,
    name="Zelflerende stad (Mesa SolaraViz)",
)
