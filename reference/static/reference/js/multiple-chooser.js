/*
 * Several items chosen in Wagtail's chooser modal, in its multiple-selection mode
 * (?multiple=1: check boxes and « Confirmer la sélection »). The chosen items are the
 * selected options of a hidden <select multiple>, so the form posts them as usual.
 * Used by reference/choosers.py (CommuneMultipleChooser).
 */
(function () {
  "use strict";
  if (!window.StimulusModule || !window.wagtail || !window.wagtail.app) {
    return;
  }

  class MultipleChooserController extends window.StimulusModule.Controller {
    static targets = ["select", "list", "empty"];
    static values = { url: String };

    open() {
      // eslint-disable-next-line no-undef
      ModalWorkflow({
        url: this.urlValue,
        urlParams: { multiple: 1 },
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: {
          chosen: (result) => this.add(Array.isArray(result) ? result : [result]),
        },
      });
    }

    add(items) {
      items.forEach((item) => {
        const id = String(item.id);
        if (this.selectTarget.querySelector(`option[value="${CSS.escape(id)}"]`)) {
          return;
        }
        const label = item.string || item.title || id;
        const option = document.createElement("option");
        option.value = id;
        option.selected = true;
        option.textContent = label;
        this.selectTarget.appendChild(option);
        this.listTarget.appendChild(this.listItem(id, label));
      });
      this.refresh();
    }

    listItem(id, label) {
      const li = document.createElement("li");
      li.className = "gus-multiple-chooser__item";
      li.dataset.id = id;
      const span = document.createElement("span");
      span.textContent = label;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small button-secondary";
      button.dataset.action = "gus-multiple-chooser#remove";
      button.setAttribute("aria-label", `Retirer ${label}`);
      button.textContent = "Retirer";
      li.append(span, " ", button);
      return li;
    }

    remove(event) {
      const li = event.target.closest("li[data-id]");
      const option = this.selectTarget.querySelector(`option[value="${CSS.escape(li.dataset.id)}"]`);
      if (option) {
        option.remove();
      }
      li.remove();
      this.refresh();
    }

    refresh() {
      this.emptyTarget.hidden = this.selectTarget.options.length > 0;
      // Wagtail's unsaved-changes warning and autosave listen for change events.
      this.selectTarget.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  window.wagtail.app.register("gus-multiple-chooser", MultipleChooserController);
})();
