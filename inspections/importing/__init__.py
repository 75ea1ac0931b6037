"""Getting records in: the CSV importers (``csv``), report PDFs read as drafts
(``report``, reading with ``pdf``) and the admin's upload forms (``forms``).

Import from the module that defines a name; this package exports nothing.
"""
