"""The WSGI entry point gunicorn serves (`diva-issuer serve`)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "issuer.settings")
application = get_wsgi_application()
