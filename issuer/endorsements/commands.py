"""`diva-issuer invitations list|resend`: the endorsement invitations from a terminal (drive the chain by hand)."""
from __future__ import annotations

import sys

from issuer.cli import print_rows


def add_parser(sub) -> None:
    invitations = sub.add_parser("invitations", help="invitations to endorse a badge (sent when a request is approved)")
    isub = invitations.add_subparsers(dest="action", required=True)
    ilist = isub.add_parser("list", help="list invitations, with their /e/ link")
    ilist.add_argument("--json", action="store_true", help="a JSON array: id, structure, request, competence, level, "
                                                           "name, email, status, url, expiresAt, sentAt, sendError")
    ilist.add_argument("--status", choices=("pending", "endorsed", "declined", "withdrawn"), help="only this status")
    resend = isub.add_parser("resend", help="send a pending invitation again, valid 30 more days")
    resend.add_argument("id", type=int)


def run(args) -> int:
    from issuer.endorsements import services
    from issuer.endorsements.models import Invitation

    if args.action == "list":
        rows = Invitation.objects.select_related("structure", "credential__badge_request", "definition").order_by("pk")
        if args.status:
            rows = rows.filter(status=args.status)
        items = []
        for inv in rows:
            subject = inv.credential or inv.definition
            items.append({"id": inv.pk, "structure": inv.structure.slug,
                          "request": inv.credential.badge_request.request_id if inv.credential_id else None,
                          "competence": subject.competence_id, "level": subject.level, "name": inv.name,
                          "email": inv.email, "status": "expired" if inv.expired else inv.status, "url": inv.url(),
                          "expiresAt": inv.expires_at.isoformat(),
                          "sentAt": inv.sent_at.isoformat() if inv.sent_at else None, "sendError": inv.send_error})
        print_rows(items, args.json, lambda item: f"{item['id']}  {item['structure']}  {item['competence']} L{item['level']}  "
                   f"{item['status']:<9}  {item['name']} <{item['email']}>  {item['url']}", "no invitation")
        return 0
    invitation = Invitation.objects.filter(pk=args.id).first()
    if invitation is None:
        print(f"diva-issuer: invitation inconnue {args.id} (unknown invitation)", file=sys.stderr)
        return 1
    try:
        sent = services.resend(invitation, actor="cli")
    except services.InvitationError as exc:
        print(f"diva-issuer: {exc}", file=sys.stderr)
        return 1
    if not sent:
        print(f"diva-issuer: non envoyée / not sent: {invitation.send_error}", file=sys.stderr)
        return 1
    print(f"{invitation.pk}: sent to {invitation.email}; valid until {invitation.expires_at:%Y-%m-%d}")
    return 0
