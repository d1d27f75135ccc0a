// The /embed chat: posts to embed/ask and shows the server-rendered (escaped) answer card.
// Everything typed by the user is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var history = [];
  var log, form, box, send, live;
  var REASONS = [["wrong_quote", "A quote is wrong or out of context"], ["no_answer", "It doesn't answer my question"],
                 ["wrong_evidence", "An evidence label is wrong"], ["other", "Something else"]];
  var count = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function flat(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  // The top of the newest reply goes to the top of the conversation, wherever the reader had scrolled.
  function showTop(node) {
    log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
  }

  function announce(reply) {
    var what;
    if (reply.querySelector(".nmn-alert")) {
      what = flat(reply.querySelector(".nmn-alert-title")) + ". " + flat(reply.querySelector(".nmn-summary") || reply.querySelector(".nmn-short p"));
    } else {
      var cards = reply.querySelectorAll(".nmn-card").length;
      var lead = flat(reply.querySelector(".nmn-summary")) || flat(reply.querySelector(".nmn-notice")) || flat(reply.querySelector(".nmn-short")) || flat(reply);
      what = (cards ? "nmnbot replied with " + cards + (cards === 1 ? " quote. " : " quotes. ") : "nmnbot replied. ") + lead;
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = what.slice(0, 400); }, 50);
  }

  function post(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (resp) { return resp.json().then(function (data) { return {ok: resp.ok, data: data}; }); });
  }

  function reasonsForm(saved, status) {
    var n = ++count;
    var f = el("form", "nmn-why");
    var set = el("fieldset");
    set.appendChild(el("legend", "", "What was wrong?"));
    REASONS.forEach(function (r, i) {
      var id = "nmn-why-" + n + "-" + i;
      var row = el("div", "nmn-why-row");
      var input = el("input");
      input.type = "radio"; input.name = "reason-" + n; input.value = r[0]; input.id = id;
      var label = el("label", "", r[1]);
      label.htmlFor = id;
      row.appendChild(input); row.appendChild(label);
      set.appendChild(row);
    });
    f.appendChild(set);
    var cid = "nmn-why-text-" + n;
    var clabel = el("label", "nmn-why-label", "Anything else you want to tell us (optional)");
    clabel.htmlFor = cid;
    var text = el("textarea");
    text.id = cid; text.rows = 2; text.maxLength = 1000;
    f.appendChild(clabel); f.appendChild(text);
    var go = el("button", "nmn-why-send", "Send feedback");
    go.type = "submit";
    f.appendChild(go);
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var picked = f.querySelector("input:checked");
      saved.then(function (r) {
        if (!r.ok) return r;
        return post("api/feedback/" + r.data.id, {key: r.data.key, reason: picked ? picked.value : null, comment: text.value});
      }).then(function (r) {
        if (r && r.ok) { f.remove(); status.textContent = "Thanks, saved."; status.focus(); }
      });
    });
    return f;
  }

  function rateButtons(question, answer) {
    var bar = el("div", "nmn-rate");
    var status = el("span", "nmn-rate-status", "Was this helpful?");
    status.tabIndex = -1;
    bar.appendChild(status);
    [["up", "Yes", "Helpful"], ["down", "No", "Not helpful"]].forEach(function (r) {
      var b = el("button", "nmn-rate-" + r[0], r[1]);
      b.type = "button";
      b.setAttribute("aria-label", r[2]);
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        var saved = post("api/feedback", {rating: r[0], question: question, answer: answer, channel: "embed"});
        saved.then(function (resp) {
          if (!resp.ok) return;
          bar.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", "false"); x.disabled = true; });
          b.setAttribute("aria-pressed", "true");
          if (r[0] === "up") { status.textContent = "Thanks, saved."; return; }
          status.textContent = "Saved. What was wrong? (optional)";
          var f = reasonsForm(saved, status);
          bar.parentNode.insertBefore(f, bar.nextSibling);
          f.querySelector("input").focus();
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
    var mine = el("div", "nmn-msg nmn-msg-user", question);
    log.appendChild(mine);
    var wait = el("div", "nmn-msg nmn-msg-bot nmn-msg-wait", "Looking in the sources…");
    log.appendChild(wait);
    showTop(mine);
    send.disabled = true;
    post("embed/ask", {question: question, history: history}).then(function (r) {
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
      announce(wait);
      history.push({role: "user", content: question}, {role: "assistant", content: r.data.answer.answer});
      history = history.slice(-12);
    }).catch(function () {
      wait.textContent = "nmnbot cannot answer right now; please try again shortly.";
    }).then(function () {
      send.disabled = false;
      showTop(wait);
      box.focus({preventScroll: true});
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    log = document.getElementById("nmn-log");
    form = document.getElementById("nmn-form");
    box = document.getElementById("nmn-q");
    send = document.getElementById("nmn-send");
    live = document.getElementById("nmn-announce");
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
    log.addEventListener("click", function (e) {  // [n]: scroll the conversation to the card, focus it
      var a = e.target.closest("a.nmn-ref");
      if (!a) return;
      var card = document.getElementById(a.getAttribute("href").slice(1));
      if (!card) return;
      e.preventDefault();
      showTop(card);
      card.focus({preventScroll: true});
    });
    log.querySelectorAll(".nmn-example").forEach(function (b) {
      b.addEventListener("click", function () { ask(b.textContent); });
    });
    document.body.setAttribute("data-ready", "true");  // handlers attached: Enter now asks
  });
})();
