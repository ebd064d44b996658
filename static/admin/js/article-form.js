/* The story form: the lead's character counter and the "who else has this open" heartbeat.
   Loaded as a file (the admin's CSP allows no inline script); texts come translated from the
   server in data-* attributes. */
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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-counter-target]").forEach(setUpCounter);
    var banner = document.getElementById("article-presence");
    if (banner) { setUpPresence(banner); }
  });
})();
