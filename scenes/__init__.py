"""The screens, one folder per feature (play, skillmap, badges, group, counsellor, menus); they draw
and react, calling game.services, and hold no rules and no bot code. This registry gives the app a
scene class by name (the app is handed `scene_class`; modules load on first use)."""
from __future__ import annotations

import importlib

SCENES = {
    "title": "scenes.menus.title:TitleScene",
    "players": "scenes.menus.players:PlayersScene",
    "name_entry": "scenes.menus.players:NameEntryScene",
    "consent": "scenes.menus.players:ConsentScene",
    "hub": "scenes.menus.hub:HubScene",
    "dialogue": "scenes.play.dialogue:DialogueScene",
    "ordering": "scenes.play.ordering:OrderingScene",
    "identify": "scenes.play.identify:IdentifyScene",
    "experience": "scenes.play.experience:ExperienceScene",
    "budget": "scenes.play.budget:BudgetScene",
    "debrief": "scenes.play.debrief:DebriefScene",
    "skillmap": "scenes.skillmap.skillmap:SkillMapScene",
    "competence": "scenes.skillmap.skillmap:CompetenceScene",
    "strengths": "scenes.skillmap.strengths:StrengthsScene",
    "export": "scenes.badges.export:ExportScene",
    "cobuild": "scenes.badges.choose:ChooseScene",
    "cobuild_tell": "scenes.badges.tell:TellScene",
    "cobuild_picture": "scenes.badges.picture:PictureScene",
    "cobuild_endorse": "scenes.badges.endorse:EndorseScene",
    "cobuild_use": "scenes.badges.use:UseScene",
    "pin": "scenes.counsellor.counsellor:PinScene",
    "counsellor": "scenes.counsellor.counsellor:CounsellorScene",
    "issuer": "scenes.counsellor.counsellor:IssuerScene",
    "player_admin": "scenes.counsellor.counsellor:PlayerAdminScene",
    "setup": "scenes.group.group:SetupScene",
    "dashboard": "scenes.group.group:DashboardScene",
    "validate": "scenes.group.group:ValidateScene",
    "handover": "scenes.group.group:HandoverScene",
    "agreement": "scenes.group.group:AgreementScene",
    "pause": "scenes.menus.menus:PauseScene",
    "settings": "scenes.menus.menus:SettingsScene",
    "sound_settings": "scenes.menus.menus:SoundSettingsScene",
    "error": "scenes.menus.menus:ErrorScene",
}


def scene_class(name: str):
    module, _, cls = SCENES[name].partition(":")
    return getattr(importlib.import_module(module), cls)
