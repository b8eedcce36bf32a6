"""``python -m addin.ribbon <button-id> …`` — started by the add-in's VBA dispatcher."""

from addin.ribbon.runner import main

raise SystemExit(main())
