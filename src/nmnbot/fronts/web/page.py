"""The Gradio chat page at /: history, reply cards, caveats, feedback with reasons, the legend.

The conversation grows with the page (no scroll panel inside the scrolling page) and
static/page.js brings each new reply's top into view and announces it; the question
box stays at the bottom of the window. Example questions ask at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ...errors import InputError, NmnbotError
from ...pipeline.compose import DISCLAIMER
from .feedback import REASONS
from .render import _esc, render_answer_html, render_error_html, render_legend_html, render_user_html
from .source import provenance_of

if TYPE_CHECKING:
    from .api import AnswersQuestions
    from .feedback import FeedbackStore

log = logging.getLogger("nmnbot.web")

EXAMPLE_QUESTIONS = (
    "Does NMN help with hair loss?",
    "Can NMN help with depression?",
    "What are the health benefits of NMN for humans?",
    "Can exosomes make hair grow back?",
)
THANKS = "Thank you: your feedback was saved."
ASK_WHY = "Saved. What was wrong? (optional)"

# After a thumbs down the reasons form appears below the conversation: move the keyboard there.
_FOCUS_REASONS = """() => { setTimeout(() => {
  const first = document.querySelector('#nmn-why input');
  if (first && first.offsetParent !== null) { first.focus(); first.scrollIntoView({block: 'nearest'}); }
}, 150); }"""


def theme() -> Any:
    import gradio as gr

    # System font stacks only: a GoogleFont would make every visitor's browser call Google.
    return gr.themes.Default(
        primary_hue="teal", neutral_hue="slate",
        font=("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"),
        font_mono=("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"),
    ).set(button_primary_background_fill="#0b7285", button_primary_background_fill_hover="#095c6b",
          button_primary_text_color="#ffffff")


def build_chat_page(bot: AnswersQuestions, store: FeedbackStore) -> Any:
    """The Gradio Blocks for ``/``: chat with history, quote cards, caveats and feedback."""
    import gradio as gr

    def provenance(source: str) -> dict[str, str]:
        return provenance_of(bot, source)

    def respond(question: str, chat: list[dict[str, Any]], turns: list[dict[str, str]],
                answers: dict[int, dict[str, Any]]) -> Any:
        question = question or ""
        if not question.strip():
            yield gr.update(), chat, turns, answers
            return
        chat = list(chat or []) + [{"role": "user", "content": render_user_html(question)}]
        yield "", chat, turns, answers
        try:
            answer = bot.ask(question, history=turns).to_dict()
        except InputError as exc:
            chat.append({"role": "assistant", "content": render_error_html(f"Please rephrase: {exc}.")})
            yield "", chat, turns, answers
            return
        except NmnbotError as exc:
            log.warning("chat page could not answer: %s", exc)
            chat.append({"role": "assistant",
                         "content": render_error_html("nmnbot cannot answer right now; please try again shortly.")})
            yield "", chat, turns, answers
            return
        chat.append({"role": "assistant", "content": render_answer_html(answer, bot.source_text, provenance)})
        answers = {**answers, len(chat) - 1: answer}
        turns = list(turns) + [{"role": "user", "content": question},
                               {"role": "assistant", "content": answer["answer"]}]
        yield "", chat, turns, answers

    def feedback(data: gr.LikeData, answers: dict[int, dict[str, Any]]) -> Any:
        """Thumbs up is saved; thumbs down is saved and opens the reasons form."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer = answers.get(int(index))
        hidden = gr.update(visible=False)
        if answer is None or data.liked is None or data.liked == "":
            return "", hidden, None
        rating = "up" if data.liked is True or data.liked == "Like" else "down"
        row, key = store.record(rating, answer["question"], answer, channel="page")
        if rating == "up":
            return THANKS, hidden, None
        return ASK_WHY, gr.update(visible=True), (row, key)

    # Gradio finds the LikeData parameter by its annotation; under postponed annotations
    # "gr.LikeData" is a string it cannot resolve, so give it the class itself.
    feedback.__annotations__["data"] = gr.LikeData

    def send_reason(reason: str | None, comment: str, pending: tuple[int, str] | None) -> Any:
        if pending is not None:
            store.add_reason(pending[0], pending[1], reason or None, comment or None)
        return THANKS, gr.update(visible=False), None, None, ""

    def clear() -> Any:
        return [], [], {}, "", gr.update(visible=False), None

    with gr.Blocks(title="nmnbot: what the sources say about NMN", analytics_enabled=False,
                   elem_id="nmn-page") as page:
        gr.HTML(
            '<header class="nmn-header"><h1 id="nmn-title">nmnbot</h1>'
            '<p class="nmn-tagline">Health questions about NMN, answered only with word-for-word quotes '
            "from its documents, each labelled with how strong its evidence is.</p>"
            f'<p class="nmn-disclaimer" role="note"><strong>Not medical advice.</strong> {_esc(DISCLAIMER)}</p>'
            "</header>",
            padding=False,
        )
        chat = gr.Chatbot(
            label="Conversation", show_label=False, elem_id="nmn-chat", height=None, min_height=None,
            autoscroll=False,  # page.js brings the top of each new reply into view instead
            layout="panel", sanitize_html=True, render_markdown=True, latex_delimiters=[],
            buttons=["copy"], feedback_options=("Like", "Dislike"), allow_file_downloads=False,
            placeholder="Ask a question about NMN, hair loss, depression or exosomes. "
                        "Every answer is quoted from the sources, with its evidence level.",
        )
        turns = gr.State([])
        answers = gr.State({})
        pending = gr.State(None)  # (row id, key) of the thumbs down whose reason is asked
        with gr.Row(equal_height=False, elem_id="nmn-ask-row"):
            box = gr.Textbox(
                label="Your question", placeholder="Ask about NMN…", lines=1, max_lines=4,
                max_length=bot.settings.max_question_chars, scale=5, elem_id="nmn-question",
                submit_btn=False,
            )
            ask = gr.Button("Ask", variant="primary", scale=0, min_width=64, elem_id="nmn-ask")
        thanks = gr.Markdown("", elem_id="nmn-feedback-status")
        with gr.Group(visible=False, elem_id="nmn-why") as why:
            reason = gr.Radio([(label, value) for value, label in REASONS.items()], label="What was wrong?",
                              elem_id="nmn-why-reason")
            comment = gr.Textbox(label="Anything else you want to tell us (optional)", lines=2, max_lines=6,
                                 max_length=1000, elem_id="nmn-why-comment")
            send = gr.Button("Send feedback", variant="secondary", elem_id="nmn-why-send")
        examples = gr.Examples(list(EXAMPLE_QUESTIONS), inputs=box, label="Example questions",
                               elem_id="nmn-examples")
        gr.HTML(render_legend_html(), padding=False, elem_id="nmn-legend-block")
        gr.HTML('<div id="nmn-announce" class="nmn-sr" role="status" aria-live="polite"></div>', padding=False)

        inputs = [box, chat, turns, answers]
        outputs = [box, chat, turns, answers]
        limits = {"concurrency_limit": bot.settings.page_concurrency, "api_visibility": "private"}
        box.submit(respond, inputs, outputs, **limits)
        ask.click(respond, inputs, outputs, **limits)
        examples.load_input_event.then(respond, inputs, outputs, **limits)
        chat.like(feedback, [answers], [thanks, why, pending], api_visibility="private").then(
            None, None, None, js=_FOCUS_REASONS)
        send.click(send_reason, [reason, comment, pending], [thanks, why, pending, reason, comment],
                   api_visibility="private")
        chat.clear(clear, None, [chat, turns, answers, thanks, why, pending], api_visibility="private")
    page.queue(max_size=bot.settings.page_queue_size, default_concurrency_limit=bot.settings.page_concurrency, api_open=False)
    return page
