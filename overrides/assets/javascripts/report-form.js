/* The on-screen report form: print it, never send or keep it.
   Loaded at the end of <body> (extra_javascript). No storage API is used (no-storage.js even stops
   Material's own), and the form is emptied when the page is left. While the form holds input, leaving
   the page asks first (the browser's own "leave this page?"), so a click in the menu loses no notes. */
(function () {
  "use strict";
  var form = document.querySelector("form.report-form");
  if (!form) return;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var print = form.querySelector('[data-report-form="print"]');
  if (print) print.addEventListener("click", function () { window.print(); });

  function holdsInput() {
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "checkbox" || field.type === "radio") return field.checked;
      return (field.tagName === "TEXTAREA" || field.tagName === "INPUT") && field.value !== "";
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (!holdsInput()) return;
    event.preventDefault();
    event.returnValue = "";   // older browsers show their prompt only when this is set
  });
  window.addEventListener("pagehide", function () { form.reset(); });
})();
