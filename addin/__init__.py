"""ssj-addin: the 双随机、一公开 add-in.

Excel is the user interface; Python does the work. Three front doors (ribbon buttons, the ``ssj`` command
line, tests) call the same service functions in :mod:`addin.services`, which use the pure domain logic in
:mod:`addin.core` through the workbook port (:mod:`addin.ports`).
"""

__version__ = "0.1.0"
