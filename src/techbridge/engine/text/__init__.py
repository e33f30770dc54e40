"""Text analysis: normalisation, script folding, segmentation and stemming."""

from techbridge.engine.text.analyzer import Analyzer, Token, default_analyzer

__all__ = ["Analyzer", "Token", "default_analyzer"]
