"""Admin imports guarded like the in-app ones: size and row limits, Chinese encodings, plain words.

Mix `GuardedImportMixin` in before `ImportExportModelAdmin` (or any of its subclasses):

- the uploaded file is refused at once over the byte or row limit (staff.imports.check_upload);
- a CSV/TSV saved as UTF-8 (with or without BOM) or GBK/GB18030 is read alike: it is re-encoded
  as UTF-8 when written to import-export's temporary storage, which both the preview and the
  confirmed import read back with `from_encoding` (UTF-8);
- a file that cannot be read gets a sentence, not the Python exception's name.

Import is offered in the formats whose rows can be counted before parsing (CSV, TSV, XLSX).

Each import page links to the resource's template (issue 19): an xlsx with the headers this
person's import takes, an example row and a note on each column, behind the import permission.
"""

from contextlib import suppress

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, TSV, XLSX

from core.spreadsheets import export_filename, file_response

from .imports import check_upload, decode_text
from .resources import import_template


def unreadable_file_message() -> str:
    return _(
        "The file could not be read. Save it as CSV (UTF-8 or GBK) or Excel (.xlsx) "
        "and choose the matching format."
    )


class GuardedImportMixin:
    guarded_import_formats = (CSV, TSV, XLSX)
    from_encoding = "utf-8-sig"

    def get_import_formats(self):
        formats = super().get_import_formats()
        return [f for f in formats if issubclass(f, self.guarded_import_formats)]

    def create_import_form(self, request):
        """The limits run with the file field's own validation, before anything is read."""
        form = super().create_import_form(request)
        field = form.fields.get("import_file")
        if field is not None and check_upload not in field.validators:
            field.validators.append(check_upload)
        return form

    def write_to_tmp_storage(self, import_file, input_format):
        """Store text files as UTF-8, whatever Chinese encoding they came in."""
        if not input_format.is_binary():
            raw = b"".join(import_file.chunks())
            # Neither encoding: stored as it is, reading it fails and gets the sentence below.
            with suppress(UnicodeDecodeError):
                raw = decode_text(raw).encode("utf-8")
            import_file = ContentFile(raw, name=import_file.name)
        return super().write_to_tmp_storage(import_file, input_format)

    def add_data_read_fail_error_to_form(self, form, e) -> None:
        form.add_error("import_file", unreadable_file_message())

    def get_urls(self):
        opts = self.opts
        template = path(
            "import/template/",
            self.admin_site.admin_view(self.import_template_view),
            name=f"{opts.app_label}_{opts.model_name}_import_template",
        )
        return [template, *super().get_urls()]

    def import_template_view(self, request):
        """The import template of the resource chosen on the import page (`?resource=1`)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        classes = self.get_import_resource_classes(request)
        try:
            resource_class = classes[int(request.GET.get("resource", 0))]
        except (IndexError, ValueError):
            resource_class = classes[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        stem = _("%(model)s template") % {"model": capfirst(self.opts.verbose_name_plural)}
        return file_response(import_template(resource, request.user), export_filename(stem, "xlsx"))
