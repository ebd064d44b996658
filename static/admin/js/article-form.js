/* The story form: the lead's character counter, the "who else has this open" heartbeat, and
   the guard that keeps the workflow panel from throwing away unsaved edits.
   Loaded as a file (the admin's CSP allows no inline script); texts come translated from the
   server in data-* attributes, or from the admin's JavaScript catalog (admin:jsi18n, which
   the change form loads) through gettext. */
"use strict";
(function () {
  function setUpCounter(field) {
    var target = parseInt(field.getAttribute("data-counter-target"), 10);
    var template = field.getAttribute("data-counter-template") || "{count}/{max}";
    var templateOne = field.getAttribute("data-counter-template-one") || template;
    var counter = document.createElement("div");
    // "help" lines it up under the field like the admin's own help texts.
    counter.className = "help char-counter";
    counter.setAttribute("aria-live", "polite");
    counter.id = field.id + "-counter";
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    (field.closest(".flex-container") || field).insertAdjacentElement("afterend", counter);
    function update() {
      var count = field.value.length;
      counter.textContent = (count === 1 ? templateOne : template)
        .replace("{count}", count)
        .replace("{max}", target);
      counter.classList.toggle("char-counter--over", count > target);
    }
    field.addEventListener("input", update);
    update();
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function setUpPresence(banner) {
    var url = banner.getAttribute("data-presence-url");
    var every = parseInt(banner.getAttribute("data-presence-interval"), 10) || 30;
    var template = banner.getAttribute("data-presence-template");
    function show(others) {
      banner.textContent = others.length ? template.replace("{names}", others.join(", ")) : "";
      banner.classList.toggle("article-presence--empty", !others.length);
    }
    function ping() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { show(data.others); } })
        .catch(function () { /* offline for a moment: the next ping tries again */ });
    }
    window.setInterval(ping, every * 1000);
    window.addEventListener("pagehide", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      body.append("leave", "1");
      if (navigator.sendBeacon) { navigator.sendBeacon(url, body); }
    });
  }

  var translate = window.gettext || function (text) { return text; };

  // The workflow panel's forms sit outside the change form and post to their own URLs: they
  // act on the stored version and the page reloads, so edits not yet saved would be lost.
  function setUpUnsavedGuard(changeForm, panel) {
    var dirty = false;
    var note = document.createElement("p");
    note.className = "errornote workflow-unsaved";
    note.setAttribute("role", "alert");
    function markDirty() { dirty = true; }
    changeForm.addEventListener("input", markDirty);
    changeForm.addEventListener("change", markDirty);
    changeForm.addEventListener("submit", function () { dirty = false; });
    panel.addEventListener("submit", function (event) {
      if (!dirty) { return; }
      event.preventDefault();
      var button = event.submitter || event.target.querySelector("button[type=submit]");
      var action = button ? button.textContent.trim() : "";
      // One literal, so the catalogue's msgid matches it exactly.
      var text = translate("Simpan perubahan Anda dulu sebelum “%s”: tindakan ini memakai versi yang tersimpan, dan perubahan yang belum disimpan akan hilang. Untuk membuangnya, muat ulang halaman.");
      note.textContent = text.replace("%s", action);
      event.target.insertAdjacentElement("beforebegin", note);
      note.scrollIntoView({ block: "nearest" });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-counter-target]").forEach(setUpCounter);
    var banner = document.getElementById("article-presence");
    if (banner) { setUpPresence(banner); }
    var changeForm = document.getElementById("article_form");
    var panel = document.querySelector(".workflow-panel");
    if (changeForm && panel) { setUpUnsavedGuard(changeForm, panel); }
  });
})();
