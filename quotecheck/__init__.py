"""The quote check: is this really what Ofsted said? (issue #9)

The engine (quotecheck.engine) traces passages to published findings; this
app also owns the /check/ page and JSON API, the admin's check pages and
the timing command. It reads the inspections app's records and writes none.
"""
