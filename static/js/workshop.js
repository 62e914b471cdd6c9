// The workshop's timebox, its keys, and what happens after an answer is agreed.
// Everything here is an extra: without it the page still shows the timebox and every
// "Agree on this" is a plain form post.
(function () {
  var STORE = "readiness.workshop:";
  // A timer left from an earlier day's workshop starts afresh.
  var FORGET_AFTER_MS = 12 * 60 * 60 * 1000;

  function load(key, minutes) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE + key) || "null");
      if (saved && typeof saved.total === "number" && Date.now() - saved.savedAt < FORGET_AFTER_MS) {
        return saved;
      }
    } catch (e) { /* storage refused or corrupt: start afresh */ }
    return { total: minutes * 60, elapsed: 0, startedAt: null };
  }

  function save(key, state) {
    state.savedAt = Date.now();
    try { window.localStorage.setItem(STORE + key, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function clock(seconds) {
    var sign = seconds < 0 ? "+" : "";
    seconds = Math.abs(Math.round(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return sign + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUpTimer(box) {
    var key = box.dataset.key;
    var state = load(key, parseInt(box.dataset.minutes, 10) || 5);
    var face = box.querySelector("[data-timer-clock]");
    var toggle = box.querySelector("[data-timer-toggle]");
    var announce = box.querySelector("[data-timer-announce]");
    var said = {};
    box.querySelector(".ws-timer-controls").hidden = false;
    box.querySelector(".ws-timebox").hidden = true;

    function elapsed() {
      return state.elapsed + (state.startedAt ? (Date.now() - state.startedAt) / 1000 : 0);
    }
    function say(id, text) {
      if (said[id]) return;
      said[id] = true;
      announce.textContent = text;
    }
    function draw() {
      var left = state.total - elapsed();
      face.textContent = clock(left);
      face.setAttribute("aria-label", left >= 0 ? "Time left in this section" : "Time over the timebox");
      box.classList.toggle("ws-late", left <= 60 && left > 0);
      box.classList.toggle("ws-over", left <= 0);
      toggle.textContent = state.startedAt ? "Pause" : (state.elapsed ? "Resume" : "Start");
      if (state.startedAt && left <= 60 && left > 0) say("late", "One minute left in this section.");
      if (state.startedAt && left <= 0) say("over", "Time is up for this section: record what the room agrees and move on.");
    }
    function change(mutate) {
      mutate();
      save(key, state);
      draw();
    }
    toggle.addEventListener("click", function () {
      change(function () {
        if (state.startedAt) {
          state.elapsed = elapsed();
          state.startedAt = null;
        } else {
          state.startedAt = Date.now();
        }
      });
    });
    box.querySelector("[data-timer-less]").addEventListener("click", function () {
      change(function () { state.total = Math.max(60, state.total - 60); said = {}; });
    });
    box.querySelector("[data-timer-more]").addEventListener("click", function () {
      change(function () { state.total += 60; said = {}; });
    });
    box.querySelector("[data-timer-reset]").addEventListener("click", function () {
      change(function () {
        state = { total: (parseInt(box.dataset.minutes, 10) || 5) * 60, elapsed: 0, startedAt: null };
        said = {};
        announce.textContent = "";
      });
    });
    draw();
    window.setInterval(draw, 1000);
    return toggle;
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-timer]");
    var toggle = box ? setUpTimer(box) : null;

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typing(event.target)) return;
      var link = null;
      if (event.key === "ArrowRight") link = document.querySelector("[data-key-next]");
      if (event.key === "ArrowLeft") link = document.querySelector("[data-key-prev]");
      if (link) { event.preventDefault(); link.click(); return; }
      if ((event.key === "t" || event.key === "T") && toggle) { event.preventDefault(); toggle.click(); }
    });
  });

  // After an answer is agreed the question is replaced: put focus on its confirmation,
  // so a keyboard or screen-reader user is not dropped at the top of the page.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var question = target && target.id ? document.getElementById(target.id) : null;
    var note = question && question.querySelector("[data-recorded]");
    if (note) note.focus();
  });

  // A failed request must not look like a recorded answer.
  function failed(event) {
    var form = event.detail.elt && event.detail.elt.closest("form");
    var question = form && form.closest(".ws-question");
    if (!question) return;
    var note = question.querySelector("[data-recorded]") || document.createElement("p");
    note.className = "message message-error";
    note.setAttribute("role", "alert");
    note.setAttribute("tabindex", "-1");
    note.setAttribute("data-recorded", "");
    note.textContent = "That was not recorded: the connection failed. Try again.";
    if (!note.parentNode) question.querySelector("h3").after(note);
    note.focus();
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", function (event) {
    // 422 carries the question with its message and is swapped; anything else failed.
    if (event.detail.xhr && event.detail.xhr.status !== 422) failed(event);
  });
})();
