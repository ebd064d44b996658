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

  var submitButton = form.querySelector("[type=submit]");

  function setSending(sending) {
    if (sending) { form.dataset.sending = "1"; } else { delete form.dataset.sending; }
    if (submitButton) { submitButton.disabled = sending; }
  }

  form.addEventListener("submit", function (event) {
    // Always ours to send: a second tap while sending must not post the form again.
    event.preventDefault();
    if (form.dataset.sending) { return; }
    setSending(true);
    // Send either way: without a token the server returns the form to send again.
    fetchToken().then(function () {
      try {
        form.submit();
      } catch (error) {
        setSending(false);
        throw error;
      }
    });
  });

  // Back from the next page (bfcache), the form must be usable again.
  window.addEventListener("pageshow", function () { setSending(false); });

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
