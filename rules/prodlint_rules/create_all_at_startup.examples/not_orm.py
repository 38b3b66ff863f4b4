from .widgets import registry, toolbox

registry.create_all()  # ok: MIG003
toolbox.create_tables()  # ok: MIG003
