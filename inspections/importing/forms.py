"""The admin's upload forms for the CSV files and report PDFs: each file is
checked for type and size before any importer reads it."""

from django import forms
from django.template.defaultfilters import filesizeformat

from .csv import MAX_BYTES as CSV_MAX_BYTES
from .pdf.text import MAX_BYTES as REPORT_MAX_BYTES


class UploadForm(forms.Form):
    """One uploaded file, checked for type and size before anything reads it."""

    extensions: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()
    max_bytes = 0
    kind = "file"

    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(self.extensions):
            raise forms.ValidationError(
                "%(name)s is not a %(kind)s file.",
                code="wrong_type",
                params={"name": upload.name, "kind": self.kind},
            )
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                "%(name)s is %(size)s; the limit is %(limit)s.",
                code="too_large",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        if upload.content_type and upload.content_type not in self.content_types:
            raise forms.ValidationError(
                "%(name)s was sent as %(type)s, not as a %(kind)s file.",
                code="wrong_type",
                params={"name": upload.name, "type": upload.content_type, "kind": self.kind},
            )
        return upload


class CsvUploadForm(UploadForm):
    extensions = (".csv",)
    # Browsers label CSV files in several ways; spreadsheets on Windows send
    # the Excel type.
    content_types = (
        "text/csv",
        "text/plain",
        "application/csv",
        "application/vnd.ms-excel",
        "application/octet-stream",
    )
    max_bytes = CSV_MAX_BYTES
    kind = "CSV"

    file = forms.FileField(
        label="CSV file", help_text="UTF-8 CSV, as published by data-to-insight; up to 5 MB."
    )


class ReportUploadForm(UploadForm):
    extensions = (".pdf",)
    content_types = ("application/pdf", "application/x-pdf", "application/octet-stream")
    max_bytes = REPORT_MAX_BYTES
    kind = "PDF"

    file = forms.FileField(
        label="Ofsted report (PDF)",
        help_text="The inspection report as Ofsted publishes it; up to 20 MB.",
    )
