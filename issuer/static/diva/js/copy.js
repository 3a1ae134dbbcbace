// Copy buttons on the claim page: shown only when JavaScript runs; without it the text fields stay selectable.
document.querySelectorAll(".copy-button").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  if (!field) { return; }
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    field.select();
    var done = function () { button.textContent = button.dataset.done; setTimeout(function () { button.textContent = label; }, 2500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
});
