// Polls: vote without reloading the page. Without this script the form posts
// and the server redirects to the poll's page, so everything works without it.
(function () {
  "use strict";
  if (window.vnportalPolls) { return; }
  window.vnportalPolls = true;

  function status(widget, text, level) {
    var box = widget.querySelector(".poll-status");
    if (!box) { return; }
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "poll-message poll-message-" + level;
    p.textContent = text;
    box.appendChild(p);
  }

  // A courtesy only: the server refuses more than the maximum anyway.
  function limitChoices(form) {
    var max = parseInt(form.dataset.max || "1", 10);
    var boxes = form.querySelectorAll('input[type="checkbox"][name="choice"]');
    if (!boxes.length) { return; }
    var update = function () {
      var checked = form.querySelectorAll('input[type="checkbox"][name="choice"]:checked').length;
      boxes.forEach(function (box) { box.disabled = !box.checked && checked >= max; });
    };
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  function bind(root) {
    root.querySelectorAll('form.poll-form[method="post"]').forEach(function (form) {
      if (form.dataset.bound) { return; }
      form.dataset.bound = "1";
      limitChoices(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var widget = form.closest(".poll");
        var button = form.querySelector('button[type="submit"]');
        if (button) { button.disabled = true; }
        var body = new FormData(form);
        fetch(form.action, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" }
        }).then(function (response) {
          return response.json().catch(function () { return { ok: false, message: response.statusText }; });
        }).then(function (data) {
          if (data.ok && data.html) {
            var holder = document.createElement("div");
            holder.innerHTML = data.html;
            var fresh = holder.querySelector(".poll");
            if (fresh) {
              fresh.id = widget.id;
              widget.replaceWith(fresh);
              status(fresh, data.message, "success");
              bind(fresh);
              refreshCopies(fresh);
              return;
            }
          }
          status(widget, data.message || "", data.ok ? "success" : "error");
          if (button) { button.disabled = false; }
        }).catch(function () {
          // Network trouble: fall back to the plain form post.
          form.submit();
        });
      });
    });
  }

  // A page every reader shares (page cache, nginx) carries the widget a new guest sees;
  // put this reader's own in its place (voted or not, fresh tallies, a CSRF token).
  // If that fails, the shared form still works: it leads to the poll's own page.
  function personalise(widget) {
    if (!window.fetch) { return; }
    fetch(widget.getAttribute("data-poll-live"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".poll");
        if (!fresh) { return; }
        fresh.id = widget.id;
        widget.replaceWith(fresh);
        bind(fresh);
      })
      .catch(function () { /* keep the shared widget */ });
  }

  // Any other copy of the same poll on the page (the sidebar, a block in an article) shows the new
  // tallies too: each is fetched again as this reader's own widget, with its own ids.
  function refreshCopies(voted) {
    var pk = voted.getAttribute("data-poll");
    document.querySelectorAll('.poll[data-poll="' + pk + '"]').forEach(function (copy) {
      if (copy === voted) { return; }
      var suffix = copy.id.slice(("poll-" + pk).length);
      var url = copy.getAttribute("data-poll-widget");
      if (!url) { return; }
      fetch(url + "?suffix=" + encodeURIComponent(suffix), {
        credentials: "same-origin", headers: { "Accept": "text/html" }
      }).then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector(".poll");
          if (!fresh) { return; }
          fresh.id = copy.id;
          copy.replaceWith(fresh);
          bind(fresh);
        })
        .catch(function () { /* the copy keeps its old figures until the next page */ });
    });
  }

  function start() {
    bind(document);
    document.querySelectorAll(".poll[data-poll-live]").forEach(personalise);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
