"""The web page (Gradio). Gradio's stub writer is switched off before gradio is first imported
(bot.web.gradio_stubs): it took half of the app's start."""

from bot.web.gradio_stubs import skip_stub_writing

skip_stub_writing()
