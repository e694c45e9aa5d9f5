/* The on-screen report form: print it, never send or keep it.
   No storage API is used; the form is emptied when the page is left, so the browser keeps nothing. */
(function () {
  "use strict";
  function setUp() {
    var form = document.getElementById("report-form");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "true";
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var print = form.querySelector('[data-report-form="print"]');
    if (print) print.addEventListener("click", function () { window.print(); });
    window.addEventListener("pagehide", function () { form.reset(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
