"""Scenario configs: the schema (single source of truth) and the loader with clear errors."""

from .loading import ConfigError, Problem, load_config, validate_mapping
from .schema import CityConfig, Event

__all__ = ["CityConfig", "ConfigError", "Event", "Problem", "load_config", "validate_mapping"]
