// Citizen forms (core/guard.py): give the ALTCHA widget our own Vietnamese words.
// They come from the page (a JSON block rendered from our gettext catalogue), not from the
// vendor's translations; the widget picks them by the page's language (<html lang="vi">).
// A module, loaded after the widget's module, so $altcha exists; its store is reactive,
// so a widget already drawn takes the words at once.
const data = document.getElementById("guard-strings");
if (data && globalThis.$altcha) {
  const lang = (document.documentElement.lang || "vi").toLowerCase();
  globalThis.$altcha.i18n.set(lang.split("-")[0], JSON.parse(data.textContent));
}
