"""Creating a structure: its group, its secret (returned once) and its signing key."""
from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from issuer.structures.models import SLUG_RE, Structure
from issuer.structures.secrets import new_secret, seal


class StructureError(ValueError):
    pass


@transaction.atomic
def create_structure(slug: str, name: str, *, url: str = "", email: str = "", secret: str | None = None) -> tuple[Structure, str]:
    """A new structure and its plain secret, which the caller shows once and never again."""
    from issuer.credentials.keys import new_sealed_key

    slug = (slug or "").strip()
    name = (name or "").strip()
    if not SLUG_RE.match(slug):
        raise StructureError(f"identifiant de structure invalide {slug!r} : lettres minuscules, chiffres et tirets "
                             f"(invalid structure id: lower-case letters, digits and hyphens)")
    if not name:
        raise StructureError("le nom de la structure est vide (the structure's name is empty)")
    if Structure.objects.filter(slug=slug).exists():
        raise StructureError(f"la structure {slug} existe déjà (structure {slug} already exists)")
    group, _ = Group.objects.get_or_create(name=f"structure:{slug}")
    secret = secret or new_secret()
    structure = Structure.objects.create(slug=slug, name=name, url=url, email=email, group=group,
                                         secret_sealed=seal(secret), private_key_sealed=new_sealed_key())
    return structure, secret


def rotate_secret(structure: Structure) -> str:
    """A new secret for a structure (a laptop was lost); the old one stops working at once."""
    secret = new_secret()
    structure.secret_sealed = seal(secret)
    structure.save(update_fields=["secret_sealed"])
    return secret
