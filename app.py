"""Gradio-style entry point: ``python app.py`` serves nmnbot on http://127.0.0.1:7860.

Same app as ``nmnbot serve`` (nmnbot.web.create_app); settings come from NMNBOT_*
variables, and NMNBOT_HOST / NMNBOT_PORT (or GRADIO_SERVER_NAME / GRADIO_SERVER_PORT)
move the listening address. Importing this module builds nothing.
"""

from __future__ import annotations

import os


def main() -> None:
    from nmnbot.config import Settings
    from nmnbot.embed import offline_environment

    offline_environment()
    from nmnbot.web import serve

    host = os.environ.get("NMNBOT_HOST") or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = int(os.environ.get("NMNBOT_PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7860)
    serve(Settings.from_env(), host=host, port=port)


if __name__ == "__main__":
    main()
