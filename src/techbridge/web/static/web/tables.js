/* A table wider than its box scrolls inside it (site.css: a .table-scroll box, or on a phone
 * the table itself), with shadows at the edges that have more to show. Such a box is made
 * focusable here, so the keyboard can scroll it, and named by the table's caption or the
 * heading before it, with a note that it scrolls (the script tag's translated data-named and
 * data-unnamed). A box that no longer scrolls (a wider window) loses both again.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var named = (script && script.getAttribute("data-named")) || "{name}";
  var unnamed = (script && script.getAttribute("data-unnamed")) || "";

  function nameOf(table) {
    if (table.caption && table.caption.textContent.trim()) return table.caption.textContent.trim();
    var node = table.parentElement && table.parentElement.classList.contains("table-scroll") ? table.parentElement : table;
    for (node = node.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    return "";
  }

  function fit(box, table) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === box.hasAttribute("data-scrolls")) return;
    if (scrolls) {
      var name = nameOf(table);
      box.setAttribute("data-scrolls", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", name ? named.replace("{name}", name) : unnamed);
      if (box !== table) box.setAttribute("role", "region");
    } else {
      ["data-scrolls", "tabindex", "aria-label", "role"].forEach(function (attribute) {
        if (attribute !== "role" || box !== table) box.removeAttribute(attribute);
      });
    }
  }

  var boxes = [];
  document.querySelectorAll("main table:not(.preferences):not(.calendar)").forEach(function (table) {
    var parent = table.parentElement;
    var box = parent && parent.classList.contains("table-scroll") ? parent : table;
    boxes.push([box, table]);
  });
  function fitAll() { boxes.forEach(function (pair) { fit(pair[0], pair[1]); }); }
  fitAll();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(fitAll);
    boxes.forEach(function (pair) { observer.observe(pair[0]); });
  } else {
    window.addEventListener("resize", fitAll);
  }
})();
