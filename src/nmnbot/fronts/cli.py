"""The ``nmnbot`` command: ingest, ask, serve, eval.

Expected failures (NmnbotError) become one line on stderr and exit status 2;
``nmnbot --help`` imports nothing heavy, so it answers at once.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from ..config import Settings
from ..errors import InputError, NmnbotError

EXIT_USAGE = 2


def _settings(corpus: str | None, index: str | None) -> Settings:
    return Settings.from_env(corpus_dir=corpus, index_dir=index)


def _fail(message: str) -> None:
    click.echo(f"nmnbot: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


class _Group(click.Group):
    """Turns expected errors into one line; anything else is a bug and keeps its traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # `nmnbot` alone: show the help
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:  # bad option or argument: one line, as for every expected error
            hint = f" (see nmnbot {exc.ctx.command_path.split(' ', 1)[-1]} --help)" if exc.ctx and " " in exc.ctx.command_path else ""
            _fail(exc.format_message() + hint)
        except click.exceptions.Abort:
            click.echo("nmnbot: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _fail(exc.format_message())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NmnbotError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("nmnbot: interrupted", err=True)
            sys.exit(130)


corpus_option = click.option("--corpus", "corpus", type=str, default=None,
                             help="corpus directory [default: corpus, or $NMNBOT_CORPUS_DIR]")
index_option = click.option("--index", "index", type=str, default=None,
                            help="index directory [default: index, or $NMNBOT_INDEX_DIR]")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nmnbot")
def main() -> None:
    """nmnbot: answers health questions only with verbatim, evidence-labelled quotes from its documents."""


@main.command()
@corpus_option
@index_option
@click.option("--wait", type=float, default=0.0, show_default=True,
              help="seconds to wait for another ingest to finish before giving up")
@click.option("--quiet", "-q", is_flag=True, help="no progress bar")
def ingest(corpus: str | None, index: str | None, wait: float, quiet: bool) -> None:
    """Build or update the index from the corpus (only changed files are re-embedded)."""
    from ..embed import offline_environment
    from ..index import ingest as run_ingest

    offline_environment()
    settings = _settings(corpus, index)
    report = run_ingest(settings, progress=not quiet, lock_timeout=wait, on_stage=None if quiet else _say_stage)
    if report.generation and (report.added or report.updated or report.removed or report.rebuilt):
        from ..bot import Chatbot

        # judge the evidence of every quotable span of a small new generation now, once, so that no
        # process answering from it pays for that on its first questions (issue 20)
        Chatbot(settings=settings, build_if_missing=False).judge_quotable()
    click.echo(report.summary())


def _say_stage(stage: str) -> None:
    """The one ingest step after the progress bar that takes long enough to explain."""
    if stage == "export question encoder":
        click.echo("Exporting the question encoder to ONNX, once per machine (a few seconds)...", err=True)


@main.command()
@click.argument("question", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="print the Answer JSON")
@corpus_option
@index_option
def ask(question: tuple[str, ...], as_json: bool, corpus: str | None, index: str | None) -> None:
    """Answer QUESTION from the documents (builds the index first if there is none)."""
    from ..bot import Chatbot
    from ..embed import offline_environment

    offline_environment()
    text = " ".join(question)
    if not text.strip():
        raise InputError("give a question, e.g. nmnbot ask \"Does NMN help with hair loss?\"")
    bot = Chatbot(settings=_settings(corpus, index))
    answer = bot.ask(text)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(render_for_terminal(answer.to_dict(), bot.provenance))


def _plain(markdown: str) -> str:
    """Our own markdown as terminal text: no **, *, or backslash escapes."""
    text = re.sub(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", r"\1", markdown)
    text = re.sub(r"(?<![\\\w])\*(?!\s)(.+?)(?<![\\\s])\*", r"\1", text)
    return re.sub(r"\\([\\`*_\[\]<>|])", r"\1", text)


def render_for_terminal(answer: dict[str, Any], provenance: Any = None) -> str:
    """The Answer as a reader sees it in a terminal: the bottom line, the notice, each quote
    once with its evidence and source, the caveats. Offsets stay in --json."""
    import shutil
    import textwrap

    from ..pipeline.compose import is_decision_notice

    width = min(shutil.get_terminal_size((100, 24)).columns, 100) - 2
    out: list[str] = []

    def para(text: str, indent: str = "", first: str | None = None) -> None:
        for block in text.split("\n"):
            if not block.strip():
                continue
            lead = first if first is not None else indent
            out.append(textwrap.fill(block, width, initial_indent=lead, subsequent_indent=indent))
            first = None

    status, caveats = answer["status"], list(answer["caveats"])
    if answer.get("summary"):
        para(answer["summary"], first=click.style("Bottom line: ", bold=True))
        out.append("")
    if status == "answered" and answer["quotes"]:
        head = "Before you decide: " if is_decision_notice(caveats[0]) else "How strong is this evidence: "
        para(caveats.pop(0), first=click.style(head, bold=True))
        out += ["", click.style("What the sources say, word for word:", bold=True), ""]
        for n, q in enumerate(answer["quotes"], 1):
            para(f"“{' '.join(q['text'].split())}”", indent="    ", first=f"[{n}] ".ljust(4))
            prov = provenance(q["source"]).to_dict() if provenance else {}
            where = [q.get("evidence_label") or q["evidence"], prov.get("title") or q["title"],
                     prov.get("publisher") or "publisher not named"]
            para(" · ".join(where), indent="    ")
            if q.get("seller"):
                para(f"({q['seller']})", indent="    ")
            out.append("")
        for m in re.finditer(r"^\*\*The sources disagree\.\*\* (.+)$", answer["answer"], re.M):
            para(_plain(m[0]))
            out.append("")
    else:
        if status != "answered" and caveats and is_decision_notice(caveats[0]):
            para(caveats.pop(0), first=click.style("Before you decide: ", bold=True))
            out.append("")
        for line in _plain(answer["answer"]).split("\n"):
            if line.startswith("- "):
                para(line[2:], indent="    ", first="  - ")
            else:
                para(line)
        out.append("")
    out.append(click.style("Before you act on this:" if status in ("answered", "not_found") else "Please note:",
                           bold=True))
    for c in caveats:
        para(c, indent="    ", first="  - ")
    return "\n".join(out)


@main.command()
@click.option("--host", default=None, help="address to listen on [default: 127.0.0.1, or $NMNBOT_HOST]")
@click.option("--port", default=None, type=click.IntRange(1, 65535),
              help="port to listen on [default: 7860, or $NMNBOT_PORT]")
@corpus_option
@index_option
def serve(host: str | None, port: int | None, corpus: str | None, index: str | None) -> None:
    """Serve the chat page at /, the JSON API under /api/ and the OpenAI-compatible API under /v1/."""
    from ..embed import offline_environment

    offline_environment()
    from .web import serve as run_server

    run_server(_settings(corpus, index), host=host, port=port)


@main.command(name="eval")
@click.argument("questions", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="print the metrics as JSON")
@click.option("--report", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="write a Markdown report, a chart and the misses to this directory")
@click.option("--baseline", is_flag=True, help="also run the textbook RAG baseline on the same questions")
@click.option("--medquad", type=int, default=0, help="also run N sampled MedQuAD questions against the baseline")
@corpus_option
@index_option
def eval_command(questions: Path, as_json: bool, report: Path | None, baseline: bool, medquad: int,
                 corpus: str | None, index: str | None) -> None:
    """Run a question set and print the metrics; exits 1 when a threshold is missed."""
    from ..embed import offline_environment

    offline_environment()
    try:
        from nmnbot_eval.run import run_cli
    except ImportError as exc:  # the [eval] extra is not installed
        raise NmnbotError(f"nmnbot eval needs the evaluation extra ({exc.name} is missing): "
                          "pip install -e '.[eval]'") from None

    ok = run_cli(questions, _settings(corpus, index), as_json=as_json, report_dir=report,
                 baseline=baseline, medquad=medquad)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
