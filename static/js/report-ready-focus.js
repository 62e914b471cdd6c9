// The report panel and the report history, with JavaScript: once the report a region
// was waiting for is ready, a keyboard user still in the region's section (on the
// button they pressed) is taken to "Download PDF". Focus elsewhere on the page is left
// alone; the report's live region says it is ready either way.
//
// A region is marked data-ready-focus="<id of its section>": the panel's "Latest"
// line, or the history's row of the report just requested.
(function () {
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-ready-focus]").forEach(function (region) {
      if (region.querySelector("[hx-trigger]")) {
        region.dataset.waiting = "yes";
        return;
      }
      var download = region.querySelector("a[download]");
      if (!region.dataset.waiting || !download) return;
      delete region.dataset.waiting;
      var section = document.getElementById(region.dataset.readyFocus);
      if (section && section.contains(document.activeElement)) download.focus();
    });
  });
})();
