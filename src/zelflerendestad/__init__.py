"""zelflerendestad: an agent-based simulation of a self-learning city (zelflerende stad)."""

__version__ = "0.1.0"
