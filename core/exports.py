"""Exports for any filtered list: the same address with format=csv or
format=json gives every matching row, not just the page on screen.

A list view mixes in ExportMixin and says what a row is:

    class StatementListView(ExportMixin, FilteredListView):
        export_name = "quotes"                 # quotes-2026-11-25.csv
        export_columns = ["id", "url", ...]    # CSV header and column order

        def export_row(self, statement):       # a dict keyed by export_columns
            ...

CSV streams from a server-side iterator in chunks, so memory stays flat
whatever the number of rows; it starts with a UTF-8 byte order mark so that
spreadsheets read the accents, and a cell that a spreadsheet would run as a
formula is prefixed with an apostrophe. JSON is paginated (at most
MAX_PAGE_SIZE rows) with absolute links to the next and previous pages.
"""

import csv
import datetime
import json

from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("csv", "json")
MAX_PAGE_SIZE = 100
CHUNK_SIZE = 500
STREAM_PIECE = 64 * 1024
# A spreadsheet runs a cell starting with one of these as a formula
# (OWASP "CSV injection"); tab and carriage return can hide one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value as text a spreadsheet shows and never runs."""
    if type(value) is str:  # most cells: checked first
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)  # a number is never run as a formula
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(item) for item in value)
    value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns what it is given, so that
    csv.writer can format one row at a time for streaming."""

    def write(self, value):
        return value


def csv_response(rows, columns, filename):
    """A streaming CSV download of rows (an iterable of dicts) in columns,
    sent in pieces of about STREAM_PIECE characters rather than a line at a
    time (each piece is a write to the socket)."""

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(columns)
        piece, size = [], 0
        for row in rows:
            line = writer.writerow([neutralise(row.get(column)) for column in columns])
            piece.append(line)
            size += len(line)
            if size >= STREAM_PIECE:
                yield "".join(piece)
                piece, size = [], 0
        if piece:
            yield "".join(piece)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_text(data):
    """JSON with <, > and & escaped inside strings, so that no browser or
    proxy can ever take a response for HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_error(message, status, **extra):
    return HttpResponse(
        json_text({"detail": message, **extra}),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def page_url(request, number):
    """The same address at another page, without the empty parameters a
    form submits."""
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            query.setlist(key, kept)
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def json_response(request, queryset, row, page_size=MAX_PAGE_SIZE):
    """One page of rows as {"count", "next", "previous", "results"}; page
    and page_size come from the address. A bad number is a 400 and a page
    past the end a 404, each with a message saying why."""
    raw_size = request.GET.get("page_size") or str(page_size)
    if not raw_size.isdigit() or not 1 <= int(raw_size) <= MAX_PAGE_SIZE:
        return json_error(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.", 400)
    raw_page = request.GET.get("page") or "1"
    if not raw_page.isdigit() or int(raw_page) < 1:
        return json_error("page must be a whole number from 1.", 400)
    paginator = Paginator(queryset, int(raw_size))
    number = int(raw_page)
    if number > paginator.num_pages:
        return json_error(
            f"There is no page {number}; the last page is {paginator.num_pages}.",
            404,
            count=paginator.count,
        )
    page = paginator.page(number)
    data = {
        "count": paginator.count,
        "next": page_url(request, number + 1) if page.has_next() else None,
        "previous": page_url(request, number - 1) if page.has_previous() else None,
        "results": [row(item) for item in page.object_list],
    }
    return HttpResponse(json_text(data), content_type="application/json; charset=utf-8")


def errors_response(export_format, errors):
    """400: the filters in the address are not valid."""
    if export_format == "json":
        return json_error(
            "The address has filters that are not valid.",
            400,
            errors={field: list(messages) for field, messages in errors.items()},
        )
    lines = ["The address has filters that are not valid:"]
    lines += [f"- {field}: {message}" for field, messages in errors.items() for message in messages]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def unknown_format_response(value):
    message = (
        f"There is no “{value}” format. Use format=csv for a spreadsheet, "
        "format=json for data, or leave format out for the web page."
    )
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


class ExportMixin:
    """For a django-filter list view (FilterView or FilteredListView): adds
    ?format=csv and ?format=json to the same address."""

    export_name = "export"
    export_columns = ()
    export_chunk_size = CHUNK_SIZE
    export_page_size = MAX_PAGE_SIZE

    def export_row(self, obj):
        raise NotImplementedError("Say what one exported row holds.")

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("format", "")
        if export_format in ("", "html"):
            return super().get(request, *args, **kwargs)
        if export_format not in FORMATS:
            return unknown_format_response(export_format)
        queryset, errors = self.get_export_queryset()
        if errors:
            return errors_response(export_format, errors)
        if export_format == "csv":
            return csv_response(
                (
                    self.export_row(obj)
                    for obj in queryset.iterator(chunk_size=self.export_chunk_size)
                ),
                list(self.export_columns),
                self.get_export_filename("csv"),
            )
        return json_response(request, queryset, self.export_row, self.export_page_size)

    def get_export_queryset(self):
        """(every row the filters allow, in page order; or None and errors)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.filterset.highlight = False
        if self.filterset.is_bound and not self.filterset.is_valid():
            return None, self.filterset.errors
        return self.filterset.qs, None

    def get_export_filename(self, extension):
        return f"{self.export_name}-{timezone.localdate().isoformat()}.{extension}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_formats"] = FORMATS
        return context
