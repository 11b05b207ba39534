import os

from django.core.wsgi import get_wsgi_application

from cymuned.cli import ensure_var_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cymuned.settings")
application = get_wsgi_application()
ensure_var_dir()
