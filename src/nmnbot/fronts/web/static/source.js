// The /source page: bring the quoted passage into view and give it focus,
// so a keyboard or screen-reader user lands on it too.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var mark = document.getElementById("quote");
    if (!mark) return;
    mark.scrollIntoView({block: "center"});
    mark.focus({preventScroll: true});
  });
})();
