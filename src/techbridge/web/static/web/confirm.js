/* Confirmation dialogs for steps that cannot be undone.
 *
 * Such a step's button carries hx-post: htmx posts its form without `confirmed`, and the server
 * answers with <dialog data-confirm> (web/_confirm_dialog.html), appended to the body. Here it
 * opens as a modal: focus moves into it; Escape or its "no" button closes it, it is removed and
 * focus returns to the button; its "yes" button posts the form with confirmed=yes as a normal
 * page load. Without JavaScript the button posts its form and the confirmation is a page.
 *
 * Any other answer (a refusal, a sign-in page after the session ended) is not swapped in: the
 * form is posted again as a normal page load, which shows that answer as a page.
 */
(function () {
  "use strict";

  function isConfirmTrigger(element) {
    return element instanceof HTMLButtonElement && element.hasAttribute("hx-post") && element.form;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!isConfirmTrigger(trigger)) return;
    var answer = event.detail.xhr.responseText || "";
    if (event.detail.xhr.status === 200 && answer.indexOf("data-confirm") !== -1) return;
    event.detail.shouldSwap = false;
    trigger.form.requestSubmit(trigger);
  });

  document.addEventListener("htmx:sendError", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (isConfirmTrigger(trigger)) trigger.form.requestSubmit(trigger);
  });

  var opener = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    opener = event.detail.elt;
  });

  document.addEventListener("htmx:load", function (event) {
    var dialog = event.detail.elt;
    if (!(dialog instanceof HTMLDialogElement) || !dialog.hasAttribute("data-confirm")) return;
    var back = opener;
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (back && back.isConnected) back.focus();
    });
    dialog.showModal();
  });
})();
