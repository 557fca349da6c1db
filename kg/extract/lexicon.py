"""Words the extractor keys on, by role.  Names of actors and equipment live in the
ontology (``ontology/*.ttl``); these are the function words and generic nouns of
conflict reporting."""

from __future__ import annotations

__all__ = [
    "ATTACK_VERBS",
    "WEAK_ATTACK_VERBS",
    "ATTACK_NOUNS",
    "WEAPON_NOUNS",
    "HABITUAL_WORDS",
    "AGGREGATE_WORDS",
    "LIGHT_VERBS",
    "REPORT_VERBS",
    "DENIAL_VERBS",
    "KILL_VERBS",
    "WOUND_VERBS",
    "NEUTRALIZE_VERBS",
    "BACKGROUND_PREPS",
    "GOV_NOUNS",
    "GOV_MODIFIERS",
    "MILITANT_NOUNS",
    "CIVILIAN_NOUNS",
    "FORCE_NOUNS",
    "UNIT_NOUNS",
    "POSITION_NOUNS",
    "PEOPLE_NOUNS",
    "PLACE_CUES",
    "PLACE_NOUNS",
    "SOURCE_NOUNS",
    "GENERIC_SOURCES",
    "REPELLED_WORDS",
]

ATTACK_VERBS = frozenset(
    {
        "attack",
        "assault",
        "storm",
        "raid",
        "ambush",
        "shell",
        "bomb",
        "strike",
        "overrun",
        "pound",
        "bombard",
        "invade",
        "besiege",
    }
)
# attack verbs only when a fighting force is their subject ("militants advanced")
WEAK_ATTACK_VERBS = frozenset(
    {
        "advance",
        "infiltrate",
        "push",
        "hit",
        "target",
        "fire",
        "explode",
        "detonate",
        "land",
        "launch",
        "drop",
        "seize",
        "capture",
        "recapture",
        "retake",
        "clear",
        "occupy",
    }
)
ATTACK_NOUNS = frozenset(
    {
        "attack",
        "assault",
        "raid",
        "ambush",
        "incursion",
        "infiltration",
        "onslaught",
        "bombing",
        "shelling",
        "strike",
        "airstrike",
        "air strike",
        "counterattack",
        "counter-attack",
        "blast",
        "explosion",
        "clash",
        "clashes",
        "bombardment",
        "shootout",
        "massacre",
    }
)
# subjects that make "X killed N" an attack: weapons and blasts
WEAPON_NOUNS = frozenset(
    {
        "bomb",
        "bomber",
        "bombers",
        "blast",
        "explosion",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "drone",
        "drones",
        "shell",
        "shells",
        "shelling",
        "mortar",
        "mortars",
        "rocket",
        "rockets",
        "missile",
        "missiles",
        "ied",
        "mine",
        "landmine",
        "device",
        "attack",
        "attacks",
        "raid",
        "ambush",
        "gunfire",
        "artillery",
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "aircraft",
        "plane",
        "planes",
        "helicopter",
        "helicopters",
        "gunship",
        "gunships",
        "uav",
        "uavs",
        "grenade",
        "grenades",
        "round",
        "rounds",
        "projectile",
        "projectiles",
    }
)
# words that make a sentence about a pattern or a total, not one attack
HABITUAL_WORDS = frozenset(
    {
        "regularly",
        "often",
        "frequently",
        "repeatedly",
        "routinely",
        "continue",
        "continues",
        "continued",
        "continuing",
        "usually",
        "series",
        "string",
        "wave",
        "campaign",
        "spate",
    }
)
AGGREGATE_WORDS = frozenset(
    {
        "since",
        "tally",
        "this year",
        "last year",
        "in total",
        "overall",
        "cumulative",
        "toll has risen",
        "past year",
        "past month",
        "past months",
        "past weeks",
        "per cent",
        "percent",
    }
)
# verbs whose object is an attack noun: "launched attacks", "carried out an assault"
LIGHT_VERBS = frozenset(
    {"launch", "carry", "stage", "mount", "conduct", "begin", "start", "repel", "repulse", "thwart"}
)
REPORT_VERBS = frozenset(
    {
        "say",
        "state",
        "report",
        "comment",
        "add",
        "claim",
        "tell",
        "announce",
        "note",
        "run",
        "read",
        "dispute",
        "deny",
        "confirm",
        "insist",
        "quote",
        "write",
        "allege",
        "accuse",
    }
)
DENIAL_VERBS = frozenset({"deny", "dispute", "reject", "refute"})
KILL_VERBS = frozenset(
    {
        "kill",
        "eliminate",
        "die",
        "slay",
        "dead",
        "martyr",
        "martyred",
        "behead",
        "execute",
        "murder",
        "slaughter",
        "massacre",
        "assassinate",
    }
)
WOUND_VERBS = frozenset({"wound", "injure", "injured", "wounded", "hurt"})
NEUTRALIZE_VERBS = frozenset({"neutralize", "neutralise"})
# "amid airstrikes", "in response to strikes": background, not a reported attack
BACKGROUND_PREPS = frozenset(
    {"amid", "amidst", "after", "following", "despite", "to", "since", "before"}
)

GOV_NOUNS = frozenset(
    {
        "regime",
        "troop",
        "troops",
        "soldier",
        "soldiers",
        "serviceman",
        "servicemen",
        "army",
        "military",
        "police",
        "policeman",
        "policemen",
        "officer",
        "officers",
        "guard",
        "guards",
        "commando",
        "commandos",
        "conscript",
        "conscripts",
        "peacekeeper",
        "peacekeepers",
        "gendarme",
        "gendarmes",
        "auxiliary",
        "auxiliaries",
        "personnel",
    }
)
GOV_MODIFIERS = frozenset(
    {"government", "regime", "army", "state", "pro-government", "security", "loyalist"}
)
MILITANT_NOUNS = frozenset(
    {
        "militant",
        "militants",
        "terrorist",
        "terrorists",
        "attacker",
        "attackers",
        "insurgent",
        "insurgents",
        "jihadist",
        "jihadists",
        "mujahid",
        "mujahideen",
        "mujahedeen",
        "gunman",
        "gunmen",
        "rebel",
        "rebels",
        "extremist",
        "extremists",
        "fighter",
        "fighters",
        "militia",
        "militias",
        "militiaman",
        "militiamen",
        "bandits",
        "occupiers",
        "enemy",
        "saboteurs",
        "assailants",
        "bombers",
        "bomber",
        "kidnappers",
        "jihadi",
        "insurgency",
    }
)
CIVILIAN_NOUNS = frozenset(
    {
        "civilian",
        "civilians",
        "resident",
        "residents",
        "villager",
        "villagers",
        "child",
        "children",
        "woman",
        "women",
        "passerby",
        "passersby",
        "worshipper",
        "worshippers",
    }
)
UNIT_NOUNS = frozenset(
    {
        "unit",
        "units",
        "group",
        "groups",
        "detachment",
        "detachments",
        "squad",
        "squads",
        "column",
        "columns",
        "force",
        "forces",
        "formation",
        "formations",
        "battalion",
        "battalions",
        "brigade",
        "brigades",
    }
)
FORCE_NOUNS = GOV_NOUNS | MILITANT_NOUNS | UNIT_NOUNS
# what gets attacked on behalf of a force: "army positions", "a checkpoint of the SDF"
POSITION_NOUNS = frozenset(
    {
        "hideout",
        "hideouts",
        "stronghold",
        "strongholds",
        "position",
        "positions",
        "post",
        "posts",
        "checkpoint",
        "checkpoints",
        "base",
        "bases",
        "outpost",
        "outposts",
        "barracks",
        "convoy",
        "convoys",
        "patrol",
        "patrols",
        "camp",
        "camps",
    }
)
PEOPLE_NOUNS = frozenset({"people", "men", "persons", "personnel"})
# cue words before a place name: "in the direction of X", "the city of X"
PLACE_CUES = frozenset(
    {
        "direction",
        "directions",
        "city",
        "town",
        "village",
        "villages",
        "towns",
        "outskirts",
        "suburb",
        "suburbs",
        "district",
        "province",
        "region",
        "area",
        "neighbourhood",
        "neighborhood",
        "settlement",
        "settlements",
        "post",
        "centre",
        "center",
    }
)
PLACE_NOUNS = frozenset(
    {
        "province",
        "governorate",
        "city",
        "town",
        "village",
        "region",
        "district",
        "countryside",
        "area",
        "zone",
        "axis",
        "territory",
        "commune",
        "county",
        "state",
    }
)
# a source word that points back to a source named before ("the ministry", "the statement")
SOURCE_NOUNS = frozenset(
    {
        "coalition",
        "statement",
        "ministry",
        "center",
        "centre",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "agency",
        "command",
        "observatory",
        "monitor",
        "report",
        "army",
        "military",
    }
)
# a source that is its own phrase ("Afghan officials", "security sources", "residents")
GENERIC_SOURCES = frozenset(
    {
        "official",
        "officials",
        "sources",
        "source",
        "residents",
        "witnesses",
        "medics",
        "police",
        "media",
        "activists",
        "elders",
        "lawmakers",
        "governor",
        "mayor",
        "commander",
        "chief",
        "doctors",
        "hospital",
        "officer",
        "officers",
        "militants",
        "rebels",
        "insurgents",
        "jihadists",
        "villagers",
        "government",
        "authorities",
        "members",
        "spokesmen",
    }
)
REPELLED_WORDS = frozenset(
    {"thwart", "repel", "repulse", "foil", "beat", "thwarted", "repelled", "repulsed", "foiled"}
)
