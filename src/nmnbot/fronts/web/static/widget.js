/* nmnbot widget: <script src="https://YOUR-NMNBOT/widget.js" defer></script>
   Adds a floating chat button that opens nmnbot's /embed view in an iframe.
   Options (data attributes on the script tag): data-label="Ask about NMN",
   data-position="right"|"left". The host origin must be in NMNBOT_ALLOWED_ORIGINS on the
   nmnbot server; when it is not, the panel says so in one line instead of showing the
   browser's blocked-frame page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__nmnbotWidget) return;
  window.__nmnbotWidget = true;
  var base = new URL(".", script.src).href;  // the nmnbot server this script came from
  var label = script.getAttribute("data-label") || "Ask about NMN";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";

  var css = [
    ".nmnbot-launcher{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483000;display:flex;align-items:center;gap:8px;",
    "padding:12px 18px;border:0;border-radius:999px;background:#0b7285;color:#fff;cursor:pointer;",
    "font:600 15px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;box-shadow:0 6px 20px rgba(0,0,0,.25)}",
    ".nmnbot-launcher:focus-visible{outline:3px solid #f59f00;outline-offset:3px}",
    ".nmnbot-panel{position:fixed;bottom:84px;" + side + ":20px;z-index:2147483000;width:min(400px,calc(100vw - 24px));",
    "height:min(620px,calc(100vh - 110px));border:1px solid #d9e2ec;border-radius:14px;overflow:hidden;background:#fff;",
    "box-shadow:0 12px 40px rgba(0,0,0,.28);display:none}",
    ".nmnbot-panel[data-open=true]{display:block}",
    ".nmnbot-panel iframe{width:100%;height:100%;border:0;display:block}",
    ".nmnbot-refused{margin:0;padding:16px;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#7f1d1d;background:#fde7e7}",
    ".nmnbot-panel[data-refused=true]{height:auto}",
    "@media (max-width:480px){.nmnbot-panel{" + side + ":12px;bottom:76px;width:calc(100vw - 24px);height:calc(100vh - 100px)}}"
  ].join("");

  function init() {
    var style = document.createElement("style");
    style.textContent = css;
    document.head.appendChild(style);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "nmnbot-launcher";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "nmnbot-panel");
    // a speech-bubble icon drawn in SVG: emoji fonts are missing on many systems
    button.innerHTML = '<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" ' +
      'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
      '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
    button.appendChild(document.createTextNode(label));

    var panel = document.createElement("div");
    panel.className = "nmnbot-panel";
    panel.id = "nmnbot-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "nmnbot chat");
    var frame = null;
    var checked = null;  // one question to the server per page: may this site show nmnbot?

    function allowed() {
      if (!checked) {
        checked = fetch(base + "embed/allowed", {credentials: "omit", cache: "no-store"})
          .then(function (r) { return r.json(); })
          .then(function (d) { return d.allowed !== false; }, function () { return true; });  // unknown: let the frame try
      }
      return checked;
    }

    function refuse() {
      var line = document.createElement("p");
      line.className = "nmnbot-refused";
      line.setAttribute("role", "alert");
      line.tabIndex = -1;
      line.textContent = "nmnbot isn't allowed on this site yet: its owner must add " + location.origin +
        " to NMNBOT_ALLOWED_ORIGINS on the nmnbot server.";
      panel.setAttribute("data-refused", "true");
      panel.appendChild(line);
      return line;
    }

    function open(show) {
      panel.setAttribute("data-open", show ? "true" : "false");
      button.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) { button.focus(); return; }
      if (frame) { frame.focus(); return; }
      allowed().then(function (ok) {
        if (frame) return;
        if (!ok) { frame = refuse(); frame.focus(); return; }
        frame = document.createElement("iframe");  // load the chat only when first opened
        frame.src = base + "embed";
        frame.title = "nmnbot: health questions answered with quotes";
        frame.setAttribute("referrerpolicy", "no-referrer");
        panel.appendChild(frame);
        frame.focus();
      });
    }
    button.addEventListener("click", function () { open(panel.getAttribute("data-open") !== "true"); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel.getAttribute("data-open") === "true") open(false);
    });
    window.addEventListener("message", function (e) {  // the embed view asks to close on Escape
      if (e.origin === new URL(base).origin && e.data && e.data.type === "nmnbot:close") open(false);
    });
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
