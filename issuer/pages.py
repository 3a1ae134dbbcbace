"""What every personal page of the platform (claim page, endorser's page) does alike: its language and its headers."""
from django.conf import settings
from django.utils import translation


def activate_language(request, default: str) -> str:
    """The page's own language (`default`) unless the reader chose another (?lang= or the language cookie)."""
    known = {code for code, _name in settings.LANGUAGES}
    lang = request.GET.get("lang")
    if lang not in known:
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or default
    lang = lang if lang in known else settings.LANGUAGE_CODE
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
    return lang


def private(response):
    """Headers of a page whose address is a secret (a claim code, an endorser's token): never cached or
    indexed, and no Referer to other sites (same-origin still lets the browser send an Origin, which
    Django's CSRF check needs for the page's forms)."""
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Accept, Cookie"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
