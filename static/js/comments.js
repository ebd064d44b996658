/* Comment form on a cached story page: fetch a fresh CSRF token and "form shown" stamp from
   the uncached token endpoint, and move the form under a comment for "Balas". Without this
   script the form still works: the server answers with an uncached form to send again. */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form) { return; }
  var respond = document.getElementById("tinggalkan-balasan");
  var home = respond && respond.parentNode;
  var homeNext = respond && respond.nextSibling;
  var parentInput = form.querySelector("input[name=parent]");
  var stampInput = form.querySelector("input[name=stamp]");
  var replying = form.querySelector(".comment-replying");
  var ready = null;

  function tokenInput() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      form.insertBefore(input, form.firstChild);
    }
    return input;
  }

  function fetchToken() {
    if (tokenInput().value && stampInput && stampInput.value) {
      return Promise.resolve();
    }
    if (!ready) {
      ready = fetch(form.dataset.tokenUrl, {credentials: "same-origin", cache: "no-store"})
        .then(function (response) {
          if (!response.ok) { throw new Error("token " + response.status); }
          return response.json();
        })
        .then(function (data) {
          tokenInput().value = data.csrfToken;
          if (stampInput) { stampInput.value = data.stamp; }
        })
        .catch(function () { ready = null; });
    }
    return ready;
  }

  fetchToken();

  form.addEventListener("submit", function (event) {
    if (form.dataset.sending) { return; }
    event.preventDefault();
    // Send either way: without a token the server returns the form to send again.
    fetchToken().then(function () {
      form.dataset.sending = "1";
      form.submit();
    });
  });

  function cancelReply(event) {
    if (event) { event.preventDefault(); }
    if (parentInput) { parentInput.value = ""; }
    if (replying) { replying.hidden = true; }
    if (home) { home.insertBefore(respond, homeNext); }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".comment-reply-link") : null;
    if (link && respond && parentInput) {
      event.preventDefault();
      var body = link.closest(".comment-body");
      body.parentNode.insertBefore(respond, body.nextSibling);
      parentInput.value = link.dataset.parent;
      if (replying) {
        replying.querySelector(".comment-replying-to").textContent = link.dataset.author || "";
        replying.hidden = false;
      }
      var textarea = form.querySelector("textarea");
      if (textarea) { textarea.focus(); }
      return;
    }
    if (event.target.closest && event.target.closest(".comment-cancel-reply")) {
      cancelReply(event);
    }
  });
})();
