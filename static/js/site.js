// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Copy buttons: <button class="js-only" data-copy-target="id">.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-target]");
  if (!button) return;
  var target = document.getElementById(button.getAttribute("data-copy-target"));
  if (!target || !navigator.clipboard) return;
  navigator.clipboard.writeText(target.textContent.trim()).then(function () {
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (status) status.textContent = "Copied to the clipboard.";
  });
});

// Filter forms: a field left empty is not sent, so the address a filter
// form makes is as short and shareable as the links the pages make. The
// fields are enabled again if the browser brings the page back from its
// history.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("filters")) return;
  Array.prototype.forEach.call(form.elements, function (field) {
    var typed = field.tagName === "SELECT" || /^(text|search)$/.test(field.type);
    if (field.name && typed && !field.disabled && field.value.trim() === "") {
      field.disabled = true;
      field.setAttribute("data-disabled-empty", "");
    }
  });
});
window.addEventListener("pageshow", function () {
  Array.prototype.forEach.call(document.querySelectorAll("[data-disabled-empty]"), function (field) {
    field.disabled = false;
    field.removeAttribute("data-disabled-empty");
  });
});
