/* Photo albums: the grid of thumbnails becomes a viewer.
 *
 * Without this script each thumbnail is a link to the large image. With it, activating a
 * thumbnail (click, Enter, Space) opens a dialog with the large photo, its caption and credit;
 * the arrow keys and the buttons go to the previous/next photo, Escape or "Đóng" closes it and
 * focus returns to the thumbnail. Nothing changes by itself (no slideshow, no autoplay).
 */
(function () {
  "use strict";

  function init(grid) {
    var links = Array.prototype.slice.call(grid.querySelectorAll("a.album-thumb"));
    if (!links.length) return;
    var labels = document.getElementById("gallery-viewer-labels");
    var text = function (name) { return labels ? labels.getAttribute("data-" + name) : name; };
    var current = 0;
    var opener = null;

    // A native modal <dialog>: drawn in the top layer above everything, the rest of the page inert.
    var viewer = document.createElement("dialog");
    viewer.className = "gallery-viewer";
    viewer.setAttribute("aria-label", text("dialog"));
    viewer.innerHTML =
      '<div class="gallery-viewer-inner">' +
      '<button type="button" class="gallery-close"></button>' +
      '<figure class="gallery-figure"><img class="gallery-image" alt="">' +
      '<figcaption><span class="gallery-position"></span> <span class="gallery-caption"></span> ' +
      '<span class="credit gallery-credit"></span></figcaption></figure>' +
      '<div class="gallery-nav"><button type="button" class="gallery-prev"></button>' +
      '<button type="button" class="gallery-next"></button></div></div>';
    document.body.appendChild(viewer);
    var image = viewer.querySelector(".gallery-image");
    var closeButton = viewer.querySelector(".gallery-close");
    var prevButton = viewer.querySelector(".gallery-prev");
    var nextButton = viewer.querySelector(".gallery-next");
    closeButton.textContent = text("close");
    prevButton.textContent = "‹ " + text("previous");
    nextButton.textContent = text("next") + " ›";

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      image.src = link.getAttribute("data-large");
      image.alt = link.getAttribute("data-alt") || "";
      image.width = +link.getAttribute("data-width");
      image.height = +link.getAttribute("data-height");
      viewer.querySelector(".gallery-caption").textContent = link.getAttribute("data-caption") || "";
      viewer.querySelector(".gallery-credit").textContent = link.getAttribute("data-credit") || "";
      viewer.querySelector(".gallery-position").textContent = text("position")
        .replace("{current}", current + 1)
        .replace("{total}", links.length);
    }

    function open(index) {
      opener = links[index];
      show(index);
      viewer.showModal();
      document.documentElement.classList.add("gallery-open");
      closeButton.focus();
    }

    function close() {
      viewer.close();
    }

    // However it closes (button, Escape, a click beside the photo), focus goes back to the thumbnail.
    viewer.addEventListener("close", function () {
      document.documentElement.classList.remove("gallery-open");
      if (opener) opener.focus();
    });

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        open(index);
      });
      // A link answers Enter; Space is what a button answers, and the thumbnail acts as one.
      link.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          open(index);
        }
      });
    });
    closeButton.addEventListener("click", close);
    prevButton.addEventListener("click", function () { show(current - 1); opener = links[current]; });
    nextButton.addEventListener("click", function () { show(current + 1); opener = links[current]; });
    viewer.addEventListener("click", function (event) {
      if (event.target === viewer) close();
    });
    viewer.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1);
        opener = links[current];
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1);
        opener = links[current];
      } else if (event.key === "Tab") {
        // Keep focus inside the dialog while it is open.
        var focusable = [closeButton, prevButton, nextButton];
        var at = focusable.indexOf(document.activeElement);
        event.preventDefault();
        var next = event.shiftKey ? at - 1 : at + 1;
        focusable[(next + focusable.length) % focusable.length].focus();
      }
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(init);
})();
