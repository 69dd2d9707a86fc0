"""`khronika serve`: the analyst's web UI and JSON API over a store, read-only.

``web.app.create_app(db)`` builds the ASGI application (Starlette); pages are rendered on
the server from templates, charts drawn by vendored ECharts. Every page and endpoint is a
thin layer over the same library functions the CLI uses (``store.query``,
``store.browse``, ``store.search``, ``output``). This package's own modules import
nothing heavy, so the data files it ships (labels, the OpenAPI description) load anywhere.
"""
