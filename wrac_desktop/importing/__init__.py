"""Reading existing Excel/CSV worksheets into an import plan (Qt-free; no register writes).

``reading`` turns a file into rows, ``headers`` finds the header and maps its columns by
their en/ru/kk names (``columns``), ``rows`` and ``ratings`` turn data rows into planned
hazards and measures with warnings; ``services.importing`` matches and writes them.
"""
