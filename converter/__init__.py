"""kamervragen-ld: Dutch written parliamentary questions and their answers as Linked Data."""

__version__ = "0.1.0"
