"""The Gradio chat page at /: history, reply cards, caveats, feedback."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ...errors import InputError, NmnbotError
from ...pipeline.compose import DISCLAIMER
from .render import _esc, render_answer_html, render_error_html, render_user_html

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

def theme() -> Any:
    import gradio as gr

    # System font stacks only: a GoogleFont would make every visitor's browser call Google.
    return gr.themes.Default(
        primary_hue="teal", neutral_hue="slate",
        font=("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"),
        font_mono=("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"),
    )


def build_chat_page(bot: AnswersQuestions, store: FeedbackStore) -> Any:
    """The Gradio Blocks for ``/``: chat with history, quote cards, caveats and feedback."""
    import gradio as gr

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
        chat.append({"role": "assistant", "content": render_answer_html(answer, bot.source_text)})
        answers = {**answers, len(chat) - 1: answer}
        turns = list(turns) + [{"role": "user", "content": question},
                               {"role": "assistant", "content": answer["answer"]}]
        yield "", chat, turns, answers

    def feedback(data: gr.LikeData, answers: dict[int, dict[str, Any]]) -> str:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer = answers.get(int(index))
        if answer is None or data.liked is None or data.liked == "":
            return ""
        rating = "up" if data.liked is True or data.liked == "Like" else "down"
        store.record(rating, answer["question"], answer, channel="page")
        return "Thank you: your feedback was saved."

    # Gradio finds the LikeData parameter by its annotation; under postponed annotations
    # "gr.LikeData" is a string it cannot resolve, so give it the class itself.
    feedback.__annotations__["data"] = gr.LikeData

    def clear() -> Any:
        return [], [], {}, ""

    with gr.Blocks(title="nmnbot: what the sources say about NMN", analytics_enabled=False,
                   elem_id="nmn-page") as page:
        gr.HTML(
            '<header class="nmn-header"><h1>nmnbot</h1>'
            '<p class="nmn-tagline">Health questions about NMN, answered only with word-for-word quotes '
            "from its documents, each labelled with how strong its evidence is.</p>"
            f'<p class="nmn-disclaimer" role="note"><strong>Not medical advice.</strong> {_esc(DISCLAIMER)}</p>'
            "</header>",
            padding=False,
        )
        chat = gr.Chatbot(
            label="Conversation", show_label=False, elem_id="nmn-chat", height="62vh", min_height=320,
            layout="panel", sanitize_html=True, render_markdown=True, latex_delimiters=[],
            buttons=["copy"], feedback_options=("Like", "Dislike"), allow_file_downloads=False,
            placeholder="Ask a question about NMN, hair loss, depression or exosomes. "
                        "Every answer is quoted from the sources, with its evidence level.",
        )
        turns = gr.State([])
        answers = gr.State({})
        with gr.Row(equal_height=False, elem_id="nmn-ask-row"):
            box = gr.Textbox(
                label="Your question", placeholder="Ask about NMN…", lines=1, max_lines=4,
                max_length=bot.settings.max_question_chars, scale=5, autofocus=True, elem_id="nmn-question",
                submit_btn=False,
            )
            ask = gr.Button("Ask", variant="primary", scale=0, min_width=64, elem_id="nmn-ask")
        thanks = gr.Markdown("", elem_id="nmn-feedback-status")
        gr.Examples(list(EXAMPLE_QUESTIONS), inputs=box, label="Example questions", elem_id="nmn-examples")
        inputs = [box, chat, turns, answers]
        outputs = [box, chat, turns, answers]
        box.submit(respond, inputs, outputs, concurrency_limit=bot.settings.page_concurrency, api_visibility="private")
        ask.click(respond, inputs, outputs, concurrency_limit=bot.settings.page_concurrency, api_visibility="private")
        chat.like(feedback, [answers], [thanks], api_visibility="private")
        chat.clear(clear, None, [chat, turns, answers, thanks], api_visibility="private")
    page.queue(max_size=bot.settings.page_queue_size, default_concurrency_limit=bot.settings.page_concurrency, api_open=False)
    return page
