// The chat page (/): bring each new reply's top into view, announce it to screen readers,
// make phone links dial, and put the cursor in the question box on wide screens only
// (on a phone that would open the keyboard and scroll past the title).
(function () {
  "use strict";
  var seen = 0;

  function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  function announce(reply) {
    var live = document.getElementById("nmn-announce");
    if (!live) return;
    var what;
    if (reply.classList.contains("nmn-alert")) {
      what = text(reply.querySelector(".nmn-alert-title")) + ". " + text(reply.querySelector(".nmn-summary") || reply.querySelector(".nmn-short p"));
    } else {
      var cards = reply.querySelectorAll(".nmn-card").length;
      var lead = text(reply.querySelector(".nmn-summary")) || text(reply.querySelector(".nmn-notice")) || text(reply.querySelector(".nmn-short"));
      what = (cards ? "nmnbot replied with " + cards + (cards === 1 ? " quote. " : " quotes. ") : "nmnbot replied. ") + lead;
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = what.slice(0, 400); }, 50);
  }

  function dialLinks(root) {  // Gradio opens every link in a new tab; a phone number should just dial
    root.querySelectorAll('a[href^="tel:"], a[href^="sms:"]').forEach(function (a) {
      a.removeAttribute("target");
      a.removeAttribute("rel");
    });
  }

  function check() {
    var chat = document.getElementById("nmn-chat");
    if (!chat) return;
    // Gradio labels each message div with its raw HTML ("bot's message: <div class=...");
    // an aria-label on a plain div is ignored at best, read out as markup at worst.
    chat.querySelectorAll('[data-testid="bot"][aria-label], [data-testid="user"][aria-label]').forEach(function (n) {
      n.removeAttribute("aria-label");
    });
    var replies = chat.querySelectorAll(".nmn-answer");
    if (replies.length < seen) seen = replies.length;  // the conversation was cleared
    if (replies.length === seen) return;
    seen = replies.length;
    var reply = replies[replies.length - 1];
    dialLinks(chat);
    var row = reply.closest(".message-row") || reply;
    window.requestAnimationFrame(function () { row.scrollIntoView({block: "start"}); });
    announce(reply);
  }

  function start() {
    new MutationObserver(check).observe(document.body, {childList: true, subtree: true});
    var tries = 0;
    var timer = window.setInterval(function () {  // Gradio renders the page after load
      var box = document.querySelector("#nmn-question textarea, #nmn-question input");
      if (box || ++tries > 100) window.clearInterval(timer);
      if (!box) return;
      document.body.setAttribute("data-nmn-ready", "true");
      if (window.matchMedia("(min-width: 700px)").matches) box.focus({preventScroll: true});
      window.scrollTo(0, 0);
    }, 100);
    document.addEventListener("click", function (e) {  // [n] links: move to the card (and focus it)
      var a = e.target.closest && e.target.closest("a.nmn-ref");
      if (!a) return;
      var card = document.getElementById(a.getAttribute("href").slice(1));
      if (!card) return;
      e.preventDefault();
      card.scrollIntoView({block: "start"});
      card.focus({preventScroll: true});
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
