/* "Copy" buttons for an address shown on the page (a private calendar feed).
 *
 * Without JavaScript the button stays hidden and the address is an ordinary link, to select
 * or to copy from the browser's menu. Here each <button data-copy="ID"> is shown; a click
 * copies the address of the element ID (a link's href, a field's value, else its text) and
 * says so in the .copy-status live region beside it, in the page's language (its
 * data-copied and data-failed attributes).
 */
(function () {
  "use strict";

  function textOf(target) {
    if (target instanceof HTMLAnchorElement) return target.href;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return target.value;
    return target.textContent.trim();
  }

  function copyBySelection(target) {
    /* For pages served without HTTPS, where the asynchronous clipboard is not offered. */
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    return done;
  }

  function announce(status, text) {
    if (!status) return;
    status.textContent = "";
    /* A fresh text after a pause, so that a second copy is announced again. */
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function setUp(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var status = button.parentElement.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textOf(target);
      var copied = status ? status.getAttribute("data-copied") : "";
      var failed = status ? status.getAttribute("data-failed") : "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { announce(status, copied); },
          function () { announce(status, copyBySelection(target) ? copied : failed); }
        );
      } else {
        announce(status, copyBySelection(target) ? copied : failed);
      }
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(setUp);
})();
