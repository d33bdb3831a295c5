// Progressive enhancement of the search page. Every state lives in the URL
// and the pages work without this script; it only saves clicks.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // A new sort applies at once.
    var sort = document.getElementById("sort");
    if (sort && sort.form) {
      sort.addEventListener("change", function () {
        if (sort.form.requestSubmit) sort.form.requestSubmit();
        else sort.form.submit();
      });
    }

    // Empty fields stay out of the URL.
    document.querySelectorAll("form[action='/']").forEach(function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name && el.name !== "q" && el.value === "" && !el.disabled) el.disabled = true;
        });
        // Re-enable after the navigation starts, so back/forward cache keeps a usable form.
        setTimeout(function () {
          Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
        }, 0);
      });
    });

    // On a phone the filters start folded so the results come first.
    var filters = document.querySelector("details.filters");
    if (filters && window.matchMedia && window.matchMedia("(max-width: 800px)").matches) {
      filters.open = false;
    }

    // "/" focuses the search box, as on many search sites.
    var q = document.getElementById("q");
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !q) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      q.focus();
      q.select();
    });
  });
})();
