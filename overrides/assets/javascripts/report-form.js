/* The on-screen report form: print it, never send or keep it.
   Loaded at the end of <body> (extra_javascript). No storage API is used (no-storage.js even stops
   Material's own), and the form is emptied when the page is left. */
(function () {
  "use strict";
  var form = document.querySelector("form.report-form");
  if (!form) return;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var print = form.querySelector('[data-report-form="print"]');
  if (print) print.addEventListener("click", function () { window.print(); });
  window.addEventListener("pagehide", function () { form.reset(); });
})();
