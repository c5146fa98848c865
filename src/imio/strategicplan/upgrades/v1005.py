"""1004 -> 1005: the control panel "Plans stratégiques" and its registry records (the indicators'
status thresholds, which were constants: 90 % and 70 %, kept as defaults)."""

PROFILE = "profile-imio.strategicplan:default"


def upgrade(context):
    context.runImportStepFromProfile(PROFILE, "plone.app.registry", run_dependencies=False)
    context.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
