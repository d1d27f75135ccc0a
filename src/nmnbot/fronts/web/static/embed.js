// The /embed chat: posts to embed/ask and shows the server-rendered (escaped) answer card.
// Everything typed by the user is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var history = [];
  var log, form, box, send;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  function rateButtons(question, answer) {
    var bar = el("div", "nmn-rate");
    bar.appendChild(el("span", "", "Was this helpful?"));
    [["up", "Yes", "Helpful"], ["down", "No", "Not helpful"]].forEach(function (r) {
      var b = el("button", "nmn-rate-" + r[0], r[1]);
      b.type = "button";
      b.setAttribute("aria-label", r[2]);
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        fetch("api/feedback", {
          method: "POST", headers: {"Content-Type": "application/json"},
          body: JSON.stringify({rating: r[0], question: question, answer: answer, channel: "embed"})
        }).then(function (resp) {
          if (resp.ok) {
            bar.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
            b.setAttribute("aria-pressed", "true");
            bar.firstChild.textContent = "Thanks, saved.";
          }
        });
      });
      bar.appendChild(b);
    });
    return bar;
  }

  function ask(question) {
    question = question.trim();
    if (!question) return;
    var hello = log.querySelector(".nmn-hello");
    if (hello) hello.remove();
    log.appendChild(el("div", "nmn-msg nmn-msg-user", question));
    var wait = el("div", "nmn-msg nmn-msg-bot nmn-msg-wait", "Looking in the sources…");
    log.appendChild(wait);
    scroll();
    send.disabled = true;
    fetch("embed/ask", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({question: question, history: history})
    }).then(function (resp) {
      return resp.json().then(function (data) { return {ok: resp.ok, data: data}; });
    }).then(function (r) {
      wait.classList.remove("nmn-msg-wait");
      wait.textContent = "";
      if (!r.ok) {
        var err = el("div", "nmn-answer nmn-error", "Please rephrase: " + (r.data.detail || "the question could not be answered") + ".");
        err.setAttribute("role", "alert");
        wait.appendChild(err);
        return;
      }
      wait.innerHTML = r.data.html;  // rendered by nmnbot.web.render_answer_html: every string escaped
      wait.appendChild(rateButtons(question, r.data.answer));
      history.push({role: "user", content: question}, {role: "assistant", content: r.data.answer.answer});
      history = history.slice(-12);
    }).catch(function () {
      wait.textContent = "nmnbot cannot answer right now; please try again shortly.";
    }).then(function () {
      send.disabled = false;
      scroll();
      box.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    log = document.getElementById("nmn-log");
    form = document.getElementById("nmn-form");
    box = document.getElementById("nmn-q");
    send = document.getElementById("nmn-send");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = box.value;
      box.value = "";
      ask(q);
    });
    box.addEventListener("keydown", function (e) {  // Enter asks, Shift+Enter starts a new line
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    document.addEventListener("keydown", function (e) {  // Escape closes the widget's panel around us
      if (e.key === "Escape" && window.parent !== window) window.parent.postMessage({type: "nmnbot:close"}, "*");
    });
    log.querySelectorAll(".nmn-example").forEach(function (b) {
      b.addEventListener("click", function () { ask(b.textContent); });
    });
    document.body.setAttribute("data-ready", "true");  // handlers attached: Enter now asks
  });
})();
