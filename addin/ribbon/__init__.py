"""The ribbon front door: ``python -m addin.ribbon <button-id> --wb=… --from_xl=1 --app=… --hwnd=…``.

The VBA dispatcher of the add-in starts this for every button of the 双随机 tab; :data:`handlers.HANDLERS`
maps each button id of ``addin/excel/customUI14.xml`` to the service it runs on the live workbook (through
:class:`~addin.adapters.xlwings_book.XlwingsBook`). :mod:`addin.ribbon.runner` parses the arguments, logs,
and hands the outcome (a short Chinese message and an exit code) back to the VBA.
"""
