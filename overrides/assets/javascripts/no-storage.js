/* On pages with the report form nothing at all is written to the browser's storage. Material keeps the
   colour scheme in localStorage through __md_set, defined just before this script; without it, a scheme
   chosen on this page is simply not remembered. Loaded in <head>, before Material starts. */
window.__md_set = function () {};
