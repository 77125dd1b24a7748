"""Reading and writing: TOML (``io.toml``), measurements CSV (``io.measurements``,
``io.formatting``), safe writes (``io.atomic``) and input bounds (``io.limits``).

``sociaaldomein.io.loading`` gathers them all under one name.
"""
