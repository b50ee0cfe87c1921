/*
 * The details per kind (« Pour un remplacement », « Pour des locaux »…): once a kind is
 * chosen, only its fieldsets are shown. Hidden ones are disabled too, so a value typed
 * before changing the kind is not sent (the server refuses details of another kind).
 * Without JavaScript every fieldset stays visible, each saying which kinds it is for.
 */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var kind = document.querySelector("select[name='kind']");
    var groups = document.querySelectorAll("fieldset[data-listing-kinds]");
    if (!kind || !groups.length) {
      return;
    }
    function update() {
      groups.forEach(function (group) {
        var kinds = group.dataset.listingKinds.split(" ");
        var shown = !kind.value || kinds.indexOf(kind.value) !== -1;
        group.hidden = !shown;
        group.disabled = !shown;
      });
    }
    kind.addEventListener("change", update);
    update();
  });
})();
