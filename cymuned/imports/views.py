from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cymuned.accounts.access import seen_import_runs
from cymuned.accounts.rules import edits_anything, require
from cymuned.spreadsheets import download

from .base import ImportRejected
from .models import ImportRun
from .registry import importer_class, kinds
from .tabular import MAX_UPLOAD_BYTES


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


# How long an import takes, for the estimate shown while a file is imported: measured on this 2-core
# machine under load: 4,320 returns rows (0.24 MB of CSV) checked and written in 1.9 s, about 8 s per MB.
SECONDS_PER_MB = 8


def upload(request, kind: str):
    require(edits_anything(request.user))
    importer = _importer_or_404(kind)
    context = {
        "importer": importer,
        "problems": [],
        "outcome": None,
        "limit_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "seconds_per_mb": SECONDS_PER_MB,
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
            try:
                outcome = importer(user=request.user).run(upload.read(), upload.name)
            except ImportRejected as rejected:
                context["problems"] = rejected.lines()
            except Exception:  # recorded in the import's history and logged by the importer
                context["problems"] = [
                    _("%(file)s: the import stopped with an unexpected error; nothing was written.")
                    % {"file": upload.name}
                ]
            else:
                messages.success(
                    request,
                    _("%(file)s imported: %(outcome)s") % {"file": upload.name, "outcome": outcome},
                )
                return redirect("imports:upload", kind=kind)
    return render(request, "imports/upload.html", context, status=400 if context["problems"] else 200)


def template(request, kind: str, fmt: str):
    importer = _importer_or_404(kind)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    columns = importer.column_names()
    rows = [[example.get(c, "") for c in columns] for example in importer.example]
    return download(f"{kind}-template", columns, rows, fmt)
