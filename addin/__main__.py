"""``python -m addin`` is the same as the ``ssj`` command."""

from addin.cli import main

raise SystemExit(main())
