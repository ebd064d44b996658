// Photo admin: click a preview to set the photo's focal point (the crops centre on it).
// A small ring on the preview shows where the focal point is now.
"use strict";

function focalInputs(preview) {
  // The inputs sit in the same inline row, or in the same form on the photo's own page.
  const scope = preview.closest("tr, .inline-related, form") || document;
  return [
    scope.querySelector("input[name$='focal_x']"),
    scope.querySelector("input[name$='focal_y']"),
  ];
}

function placeMarker(preview) {
  const [inputX, inputY] = focalInputs(preview);
  let marker = preview.parentElement.querySelector(".photo-focal-marker");
  if (!marker) {
    // Styled here (CSSOM, allowed by the admin's CSP) so the admin needs no extra stylesheet.
    const frame = document.createElement("span");
    Object.assign(frame.style, { position: "relative", display: "inline-block", lineHeight: "0" });
    preview.replaceWith(frame);
    frame.append(preview);
    marker = document.createElement("span");
    marker.className = "photo-focal-marker";
    marker.setAttribute("aria-hidden", "true");
    Object.assign(marker.style, {
      position: "absolute",
      width: "18px",
      height: "18px",
      margin: "-11px 0 0 -11px",
      border: "2px solid #fff",
      borderRadius: "50%",
      boxShadow: "0 0 0 2px #000",
      pointerEvents: "none",
    });
    frame.append(marker);
  }
  const x = inputX ? Number.parseFloat(inputX.value) : Number.parseFloat(preview.dataset.focalX);
  const y = inputY ? Number.parseFloat(inputY.value) : Number.parseFloat(preview.dataset.focalY);
  marker.style.left = `${(Number.isFinite(x) ? x : 0.5) * 100}%`;
  marker.style.top = `${(Number.isFinite(y) ? y : 0.5) * 100}%`;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const preview of document.querySelectorAll("img.photo-focal-preview")) {
    placeMarker(preview);
  }
});

document.addEventListener("click", (event) => {
  const preview = event.target.closest("img.photo-focal-preview");
  if (!preview) {
    return;
  }
  const box = preview.getBoundingClientRect();
  const x = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
  const y = Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1);
  const [inputX, inputY] = focalInputs(preview);
  if (inputX && inputY) {
    inputX.value = x.toFixed(3);
    inputY.value = y.toFixed(3);
    inputX.dispatchEvent(new Event("change", { bubbles: true }));
  }
  placeMarker(preview);
});

document.addEventListener("input", (event) => {
  if (!event.target.matches("input[name$='focal_x'], input[name$='focal_y']")) {
    return;
  }
  const scope = event.target.closest("tr, .inline-related, form") || document;
  const preview = scope.querySelector("img.photo-focal-preview");
  if (preview) {
    placeMarker(preview);
  }
});
