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
