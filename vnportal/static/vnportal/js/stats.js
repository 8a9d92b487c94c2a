// vnportal access statistics: the beacon for cached pages and the sidebar block's refresh.
// The page works without it: the block is rendered on the server and a <noscript> pixel counts.
(function () {
  "use strict";
  if (window.vnportalStats) { return; }  // the script may be included twice on a page
  window.vnportalStats = true;

  // Only the origin of the referrer: the server keeps its domain, nothing of the path.
  function referrerOrigin() {
    var match = /^[a-z][a-z0-9+.-]*:\/\/[^\/?#]*/i.exec(document.referrer || "");
    return match ? match[0] : "";
  }

  // The token and referrer travel in the URL, with no body: in production nginx answers
  // the beacon itself and logs them for the counter, without reading a request body.
  function sendBeacon(script) {
    var url = script.getAttribute("data-stats-hit") + "?t=" +
      encodeURIComponent(script.getAttribute("data-stats-token")) + "&r=" + encodeURIComponent(referrerOrigin());
    if (navigator.sendBeacon && navigator.sendBeacon(url)) { return; }
    try { fetch(url, { method: "POST", credentials: "same-origin", keepalive: true }); } catch (e) { /* old browser */ }
  }

  function formatNumber(n) {
    var separator = document.documentElement.lang === "en" ? "," : ".";
    return String(Math.max(0, Math.floor(Number(n) || 0))).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function lookup(data, path) {
    return path.split(".").reduce(function (obj, key) { return obj == null ? obj : obj[key]; }, data);
  }

  function refresh(block) {
    fetch(block.getAttribute("data-stats-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        block.querySelectorAll("[data-stats]").forEach(function (el) {
          var value = lookup(data, el.getAttribute("data-stats"));
          if (value != null) { el.textContent = formatNumber(value); }
        });
        block.setAttribute("data-stats-updated", String(Date.now()));
      })
      .catch(function () { /* keep the numbers we have */ });
  }

  function start() {
    document.querySelectorAll("script[data-stats-token]").forEach(sendBeacon);
    var block = document.querySelector("[data-stats-block]");
    if (block && window.fetch) {
      var seconds = Number(block.getAttribute("data-stats-refresh")) || 30;
      // A page from a cache may carry old numbers: refresh at once, then every 30 s.
      refresh(block);
      setInterval(function () { refresh(block); }, seconds * 1000);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
