/*
 * A long list of communes to tick (the account request): a search box above it shows only
 * the communes whose name contains what is typed, accents and case aside, and a line says
 * how many are ticked. Without JavaScript, the whole list scrolls in its box.
 */
(function () {
  "use strict";

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function init(box) {
    var options = Array.prototype.map.call(box.querySelectorAll("input[type=checkbox]"), function (input) {
      return { input: input, row: input.closest("div") || input.parentElement, name: plain(input.parentElement.textContent) };
    });
    var field = box.closest(".field");
    var search = document.createElement("input");
    search.type = "search";
    search.id = box.id + "-filtre";
    search.autocomplete = "off";
    var label = document.createElement("label");
    label.htmlFor = search.id;
    label.textContent = "Filtrer les communes";
    var count = document.createElement("p");
    count.className = "help";
    count.setAttribute("aria-live", "polite");
    box.parentElement.insertBefore(label, box);
    box.parentElement.insertBefore(search, box);
    box.parentElement.insertBefore(count, box);

    function update() {
      var words = plain(search.value.trim());
      var shown = 0;
      options.forEach(function (option) {
        var visible = !words || option.name.indexOf(words) !== -1 || option.input.checked;
        option.row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      var ticked = options.filter(function (option) { return option.input.checked; }).length;
      count.textContent = (ticked ? ticked + " commune(s) cochée(s)" : "Aucune commune cochée") +
        (words ? " – " + shown + " affichée(s)" : "");
    }
    search.addEventListener("input", update);
    box.addEventListener("change", update);
    if (field) {
      field.classList.add("field--filterable");
    }
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("div.commune-checklist__box").forEach(init);
  });
})();
