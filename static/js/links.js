// What pages that hand out links add with JavaScript; each page works without it.

// A button marked data-copy="<field id>" copies that field's value. It stays hidden
// where the browser offers no clipboard; the field can still be selected by hand.
// "Copied" is read out, then the button quietly says "Copy" again, ready for the next.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  if (!navigator.clipboard) return;
  var label = button.firstChild;
  var reset;
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.dataset.copy);
    navigator.clipboard.writeText(field.value).then(function () {
      clearTimeout(reset);
      button.setAttribute("aria-live", "polite");
      label.textContent = "Copied";
      reset = setTimeout(function () {
        button.setAttribute("aria-live", "off");
        label.textContent = "Copy";
      }, 2000);
    });
  });
});
