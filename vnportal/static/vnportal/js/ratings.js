// "Thông tin này có hữu ích không?": send the answer without leaving the page. Without this
// script the form posts and the server redirects back to the item with a thank-you.
(function () {
  "use strict";
  if (window.vnportalRatings) { return; }
  window.vnportalRatings = true;

  function show(box, text, level) {
    box.textContent = text;
    box.className = "rating-message rating-message-" + level;
    box.hidden = false;
  }

  function bind() {
    document.querySelectorAll("form.rating-form").forEach(function (form) {
      if (form.dataset.bound) { return; }
      form.dataset.bound = "1";
      var section = form.closest(".rating");
      var box = section.querySelector(".rating-message");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = event.submitter;
        var body = new FormData(form);
        if (button && button.name) { body.set(button.name, button.value); }
        var buttons = form.querySelectorAll("button");
        buttons.forEach(function (b) { b.disabled = true; });
        fetch(form.action, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "Accept": "application/json" }
        }).then(function (response) {
          return response.json().catch(function () { return { ok: false, message: response.statusText }; });
        }).then(function (data) {
          if (data.ok) {
            form.hidden = true;
            show(box, data.message, "ok");
          } else {
            buttons.forEach(function (b) { b.disabled = false; });
            show(box, data.message || "", "error");
          }
        }).catch(function () {
          // The network failed: let the form post the ordinary way.
          form.submit();
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
