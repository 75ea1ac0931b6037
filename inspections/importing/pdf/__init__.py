"""Read Ofsted inspection reports of local authority children's services (PDF).

Two families of report are understood:

* ILACS (inspection of local authority children's services, 2018 on), short and
  standard inspections, with three graded areas (2018-2022) or four (2023 on);
* the single inspection framework (SIF, 2013-2017), with its own judgement names.

The parser works from the PDF's text layer only (pypdf), using the size, weight
and position of each line to drop running headers, footers, page numbers and
footnotes, to join hard-wrapped lines into paragraphs, and to tell headings,
bullets and numbered paragraphs apart. It never touches the database: it returns
a plain ``ParsedReport`` or raises ``ReportError`` with a user-facing message.

The modules, in the order a report passes through them:

* ``text``: the refusals made before reading (size, not a PDF, cut short,
  password), and each page's lines with their size, weight and position;
* ``layout``: the page furniture dropped, and lines grouped into blocks;
* ``front``: what the document is, whose, when and by whom (its front page);
* ``grades`` and ``dates``: the words for grades and areas, and for dates;
* ``sections``: what part of the report a heading opens; paragraph numbers;
* ``paragraphs``: lines joined into paragraph text, undoing hard wraps;
* ``walk``: the walk over the blocks, placing each paragraph;
* ``parser``: the entry points (``parse_report``, ``parse_report_file``),
  putting it all together into a ``ParsedReport`` (defined in ``result``).
"""
