// Runs in <head>, before the page is drawn (a static file, not inline: the Content-Security-Policy
// allows no inline script). Marks that JavaScript works and restores the reader's text size.
document.documentElement.classList.replace("no-js", "js");
try {
  var vnportalTextSize = localStorage.getItem("vnportal-text-size");
  if (vnportalTextSize) { document.documentElement.dataset.textSize = vnportalTextSize; }
} catch (e) { /* storage disabled */ }
