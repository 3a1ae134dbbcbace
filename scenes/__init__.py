"""Scene registry: the app asks for a scene by name; modules load on first use."""
from __future__ import annotations

import importlib

SCENES = {
    "title": "scenes.title:TitleScene",
    "players": "scenes.players:PlayersScene",
    "name_entry": "scenes.players:NameEntryScene",
    "consent": "scenes.players:ConsentScene",
    "hub": "scenes.hub:HubScene",
    "dialogue": "scenes.dialogue:DialogueScene",
    "ordering": "scenes.ordering:OrderingScene",
    "identify": "scenes.identify:IdentifyScene",
    "experience": "scenes.experience:ExperienceScene",
    "budget": "scenes.budget:BudgetScene",
    "debrief": "scenes.debrief:DebriefScene",
    "skillmap": "scenes.skillmap:SkillMapScene",
    "competence": "scenes.skillmap:CompetenceScene",
    "export": "scenes.export:ExportScene",
    "cobuild": "scenes.cobuild:CobuildScene",
    "pin": "scenes.counsellor:PinScene",
    "counsellor": "scenes.counsellor:CounsellorScene",
    "issuer": "scenes.counsellor:IssuerScene",
    "player_admin": "scenes.counsellor:PlayerAdminScene",
    "setup": "scenes.group:SetupScene",
    "dashboard": "scenes.group:DashboardScene",
    "validate": "scenes.group:ValidateScene",
    "pause": "scenes.menus:PauseScene",
    "settings": "scenes.menus:SettingsScene",
    "error": "scenes.menus:ErrorScene",
}


def scene_class(name: str):
    module, _, cls = SCENES[name].partition(":")
    return getattr(importlib.import_module(module), cls)
