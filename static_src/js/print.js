// « Imprimer ce récapitulatif » (aid finder): a progressive enhancement. The button is
// `hidden` in the HTML, so a visitor without JavaScript never sees a button that does
// nothing (the browser's own print command still works, with the @media print rules).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Paper has no disclosure widgets: open every closed <details> while printing, then close
// them again (site.css also expands them in @media print, for browsers that support it).
let opened = [];
window.addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("details:not([open])")];
  for (const details of opened) details.open = true;
});
window.addEventListener("afterprint", () => {
  for (const details of opened) details.open = false;
  opened = [];
});
