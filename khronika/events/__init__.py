"""Event coding: CAMEO and PLOVER events from analysed, linked articles.

``lexicon/`` holds the Russian triggers (one YAML file per CAMEO root), ``data/`` the CAMEO
table with its PLOVER mapping, Goldstein scores and QuadClass, the clause grammar the
coder reads (light verbs, modality words, argument prepositions) and the summary templates.
"""

from .code import code_doc

__all__ = ["code_doc"]
