"""The spaCy pipeline components, one module each, registered as factories on import."""
from . import attribution, claims, entities, quantities  # noqa: F401
