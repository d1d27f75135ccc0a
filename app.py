"""Gradio-style entry point: ``python app.py`` serves nmnbot on http://127.0.0.1:7860.

Same app as ``nmnbot serve`` (nmnbot.fronts.web.create_app); settings come from NMNBOT_*
variables: NMNBOT_HOST / NMNBOT_PORT move the listening address (GRADIO_SERVER_NAME /
GRADIO_SERVER_PORT too, as for any Gradio app). Importing this module builds nothing.
"""

from __future__ import annotations

import os


def main() -> None:
    from nmnbot.config import Settings
    from nmnbot.embed import offline_environment

    offline_environment()
    from nmnbot.fronts.web import serve

    settings = Settings.from_env()
    host = os.environ.get("NMNBOT_HOST") or os.environ.get("GRADIO_SERVER_NAME") or settings.host
    port = int(os.environ.get("NMNBOT_PORT") or os.environ.get("GRADIO_SERVER_PORT") or settings.port)
    serve(settings, host=host, port=port)


if __name__ == "__main__":
    main()
