from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cymuned.accounts.access import seen_import_runs
from cymuned.accounts.rules import edits_anything, require
from cymuned.spreadsheets import download

from .models import ImportRun
from .registry import importer_class, kinds
from .tabular import MAX_UPLOAD_BYTES
from .tasks import queue


def _importer_or_404(kind: str):
    try:
        return importer_class(kind)
    except KeyError:
        raise Http404 from None


def index(request):
    require(edits_anything(request.user))
    importers = [importer_class(kind) for kind in kinds()]
    runs = list(seen_import_runs(request.user, ImportRun.objects.select_related("user"))[:20])
    labels = {importer.kind: importer.label for importer in importers}
    for run in runs:
        run.kind_label = labels.get(run.kind, run.kind)  # the kind in words, as on the list above
    return render(request, "imports/index.html", {"importers": importers, "runs": runs})


def upload(request, kind: str):
    require(edits_anything(request.user))
    importer = _importer_or_404(kind)
    context = {
        "importer": importer,
        "problems": [],
        "outcome": None,
        "limit_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["problems"] = [_("Choose a CSV or XLSX file to upload.")]
        elif upload.size > MAX_UPLOAD_BYTES:
            context["problems"] = [
                _("The file is larger than the limit of %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        else:
            # Checked and written in the background: the job's page shows how far it has got.
            job = queue(kind, request.user, upload.name, upload.read(), get_language())
            return redirect("jobs:job", pk=job.pk)
    return render(request, "imports/upload.html", context, status=400 if context["problems"] else 200)


def template(request, kind: str, fmt: str):
    importer = _importer_or_404(kind)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    columns = importer.column_names()
    rows = [[example.get(c, "") for c in columns] for example in importer.example]
    return download(f"{kind}-template", columns, rows, fmt)
