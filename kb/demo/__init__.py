"""The bundled demo corpus: a fictional campaign (see README.md beside this file)."""
import pathlib

DEMO_DIR = pathlib.Path(__file__).parent
