// Progressive enhancement of the endorsement buttons ("this worked for us", "we face this
// too"): send the form in the background and update the count in place. Without this file
// the forms post normally and the page reloads with the new count.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;

  function enhance(form) {
    var button = form.querySelector("button[aria-pressed]");
    var status = form.querySelector("[data-endorse-status]");
    var council = form.querySelector("[data-endorse-council]");
    var count = form.closest("section") && form.closest("section").querySelector("[data-endorse-count]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            status.textContent = result.data.error || "Sorry, that did not work. Please try again.";
            return;
          }
          button.setAttribute("aria-pressed", result.data.active ? "true" : "false");
          if (council) council.hidden = result.data.active;
          if (count) count.textContent = result.data.count;
          status.textContent = result.data.message;
        })
        .catch(function () {
          form.submit();
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("form[data-endorse]").forEach(enhance);
})();
