// The summary's "Print" button (no inline script: the admin's CSP).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
