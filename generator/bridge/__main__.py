"""``python -m generator.bridge check|run|status CONFIG``: the bridge without the site builder.

The container image runs this, so it needs only httpx and ruamel.yaml.
"""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
