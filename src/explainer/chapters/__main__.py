"""``python -m explainer.chapters [ROOT]`` (``make chapters``): write the chapter notebooks and ``_toc.yml``."""

import sys

from .generate import main

main(sys.argv[1:])
