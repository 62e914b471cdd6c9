// The report panel, with JavaScript: once the report it was waiting for is ready, a
// keyboard user still in the panel (on the button they pressed) is taken to
// "Download PDF". Focus elsewhere on the page is left alone; the panel's live region
// says the report is ready either way.
(function () {
  var waiting = false;
  document.addEventListener("htmx:afterSettle", function () {
    var latest = document.getElementById("report-panel-latest");
    if (!latest) return;
    if (latest.querySelector("[hx-trigger]")) {
      waiting = true;
      return;
    }
    var download = latest.querySelector("a[download]");
    if (!waiting || !download) return;
    waiting = false;
    if (document.getElementById("report-panel").contains(document.activeElement)) download.focus();
  });
})();
