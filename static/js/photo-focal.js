// Photo admin: click a preview to set the photo's focal point (the crops centre on it).
"use strict";

document.addEventListener("click", (event) => {
  const preview = event.target.closest("img.photo-focal-preview");
  if (!preview) {
    return;
  }
  const box = preview.getBoundingClientRect();
  const x = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
  const y = Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1);
  // The inputs sit in the same inline row, or in the same form on the photo's own page.
  const scope = preview.closest("tr, .inline-related, form") || document;
  const inputX = scope.querySelector("input[name$='focal_x']");
  const inputY = scope.querySelector("input[name$='focal_y']");
  if (inputX && inputY) {
    inputX.value = x.toFixed(3);
    inputY.value = y.toFixed(3);
    inputX.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
