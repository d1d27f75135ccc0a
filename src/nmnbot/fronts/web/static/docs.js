// Renders /openapi.json as plain HTML; every string is inserted as text.
(function () {
  "use strict";
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function block(title, value) {
    var wrap = el("div");
    wrap.appendChild(el("h3", "", title));
    wrap.appendChild(el("pre", "", JSON.stringify(value, null, 2)));
    return wrap;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var out = document.getElementById("routes");
    fetch("openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
      out.textContent = "";
      if (spec.info && spec.info.summary) out.appendChild(el("p", "", spec.info.summary));
      Object.keys(spec.paths).forEach(function (path) {
        Object.keys(spec.paths[path]).forEach(function (method) {
          var op = spec.paths[path][method];
          var card = el("section", "route");
          var h = el("h2");
          h.appendChild(el("span", "method method-" + method, method.toUpperCase()));
          h.appendChild(el("code", "", path));
          h.appendChild(el("span", "", op.summary || ""));
          card.appendChild(h);
          var body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
          if (body) card.appendChild(block("Request body (JSON schema)", body.schema));
          Object.keys(op.responses || {}).forEach(function (code) {
            var resp = op.responses[code];
            var p = el("p");
            p.appendChild(el("span", "status", code + " "));
            p.appendChild(document.createTextNode(resp.description || ""));
            card.appendChild(p);
            var c = resp.content && resp.content["application/json"];
            if (c && c.example) card.appendChild(el("pre", "", JSON.stringify(c.example, null, 2)));
          });
          out.appendChild(card);
        });
      });
    }).catch(function () { out.textContent = "Could not load /openapi.json."; });
  });
})();
