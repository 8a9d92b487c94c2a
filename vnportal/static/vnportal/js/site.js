// vnportal public site: text size, mobile menu, print. Everything works without it.
(function () {
  "use strict";
  var root = document.documentElement;

  function markTextSize(size) {
    document.querySelectorAll("[data-text-size]").forEach(function (btn) {
      btn.setAttribute("aria-pressed", String(btn.dataset.textSize === size));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    markTextSize(root.dataset.textSize || "");
    document.querySelectorAll("[data-text-size]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var size = btn.dataset.textSize;
        if (size) { root.dataset.textSize = size; } else { delete root.dataset.textSize; }
        try { localStorage.setItem("vnportal-text-size", size); } catch (e) { /* private mode */ }
        markTextSize(size);
      });
    });

    var toggle = document.querySelector(".menu-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
      });
    }

    document.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function (event) {
        event.preventDefault();  // a link to the printer-friendly page when there is no script
        window.print();
      });
    });
  });
})();
