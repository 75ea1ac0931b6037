"""Every public address, for the tests that walk them all."""

# Lists, feeds and exports: they take query strings.
LISTS = [
    "/",
    "/inspections/",
    "/inspections/feed/",
    "/findings/",
    "/themes/",
    "/authorities/",
    "/quotes/",
    "/quotes/feed/",
    "/people/",
    "/check/",
    "/sitemap.xml",
]
EXPORTS = [
    "/inspections/?format=csv",
    "/inspections/?format=json",
    "/findings/?format=csv",
    "/findings/?format=json",
    "/quotes/?format=csv",
    "/quotes/?format=json",
    "/authorities/?format=csv",
    "/authorities/?format=json",
]
# Query keys the pages know, so generated strings reach the filters.
KEYS = [
    "q",
    "page",
    "format",
    "sort",
    "date_from",
    "date_to",
    "judgement",
    "area",
    "area_grade",
    "theme",
    "kind",
    "authority",
    "region",
    "official",
    "role",
    "inspection",
    "source",
    "type",
    "grade",
    "text",
]
