// The workshop's timebox, its keys, the names switch, and what happens after an
// answer is recorded. Everything here is an extra: without it the page still shows
// the timebox and every "Agree on this" is a plain form post.
(function () {
  var STORE = "readiness.workshop:";
  // A timer left from an earlier day's workshop starts afresh.
  var FORGET_AFTER_MS = 12 * 60 * 60 * 1000;

  function read(name) {
    try { return JSON.parse(window.localStorage.getItem(STORE + name) || "null"); } catch (e) { return null; }
  }
  function write(name, value) {
    try { window.localStorage.setItem(STORE + name, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  function fresh(minutes) {
    return { total: minutes * 60, elapsed: 0, startedAt: null };
  }
  function load(key, minutes) {
    var saved = read(key);
    if (saved && typeof saved.total === "number" && Date.now() - saved.savedAt < FORGET_AFTER_MS) return saved;
    return fresh(minutes);
  }
  function save(key, state) {
    state.savedAt = Date.now();
    write(key, state);
  }
  function elapsedOf(state, now) {
    return state.elapsed + (state.startedAt ? (now - state.startedAt) / 1000 : 0);
  }

  // One section's clock runs at a time: opening a section pauses the others of the same
  // workshop, and if one of them was running, this one carries on the session's pace.
  function pauseOthers(key) {
    var prefix = key.split(":")[0] + ":";
    var wasRunning = false;
    var now = Date.now();
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var name = window.localStorage.key(i);
        if (!name || name.indexOf(STORE + prefix) !== 0 || name === STORE + key) continue;
        var other = read(name.slice(STORE.length));
        if (other && other.startedAt) {
          other.elapsed = elapsedOf(other, now);
          other.startedAt = null;
          save(name.slice(STORE.length), other);
          wasRunning = true;
        }
      }
    } catch (e) { /* storage refused: each timer stands alone */ }
    return wasRunning;
  }

  function clock(seconds) {
    seconds = Math.abs(Math.round(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUpTimer(box) {
    var key = box.dataset.key;
    var minutes = parseInt(box.dataset.minutes, 10) || 5;
    var carryOn = pauseOthers(key);
    var state = load(key, minutes);
    if (carryOn && !state.startedAt) {
      state.startedAt = Date.now();
      save(key, state);
    }
    var face = box.querySelector("[data-timer-clock]");
    var caption = box.querySelector("[data-timer-caption]");
    var toggle = box.querySelector("[data-timer-toggle]");
    var announce = box.querySelector("[data-timer-announce]");
    var said = {};
    box.querySelector(".ws-timer-controls").hidden = false;
    box.querySelector(".ws-timebox").hidden = true;

    function say(id, text) {
      if (said[id]) return;
      said[id] = true;
      announce.textContent = text;
    }
    function draw() {
      var left = state.total - elapsedOf(state, Date.now());
      face.textContent = clock(left);
      caption.textContent = left >= 0 ? "left" : "over the timebox";
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
          state.elapsed = elapsedOf(state, Date.now());
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
        state = fresh(minutes);
        said = {};
        announce.textContent = "";
      });
    });
    draw();
    window.setInterval(draw, 1000);
  }

  // Counts only, no names: so nobody is put on the spot on the projector.
  function setUpNames(root) {
    var button = root.querySelector("[data-names-toggle]");
    if (!button) return;
    var name = "names:" + root.dataset.workshop;
    function apply(hidden) {
      root.classList.toggle("ws-anonymous", hidden);
      button.setAttribute("aria-pressed", hidden ? "true" : "false");
      button.textContent = hidden ? "Show names" : "Hide names";
    }
    apply(read(name) === "hidden");
    button.addEventListener("click", function () {
      var hidden = !root.classList.contains("ws-anonymous");
      write(name, hidden ? "hidden" : "shown");
      apply(hidden);
    });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector(".workshop[data-workshop]");
    var box = document.querySelector("[data-timer]");
    if (box) setUpTimer(box);
    if (root) setUpNames(root);
    var hint = document.querySelector("[data-keys-hint]");
    if (hint) hint.hidden = false;

    // Arrow keys only: they type nothing, so they cannot clash with a screen reader's
    // or a speech user's letters.
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typing(event.target)) return;
      var link = null;
      if (event.key === "ArrowRight") link = document.querySelector("[data-key-next]");
      if (event.key === "ArrowLeft") link = document.querySelector("[data-key-prev]");
      if (link) { event.preventDefault(); link.click(); }
    });
  });

  // After an answer is recorded the question is replaced: put focus on the field that
  // was refused, or on the confirmation, so nobody is dropped at the top of the page.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var question = target && target.id ? document.getElementById(target.id) : null;
    if (!question) return;
    var refused = question.querySelector("[aria-invalid=true]");
    var note = question.querySelector("[data-recorded]");
    if (refused) refused.focus();
    else if (note) note.focus();
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
    var signedOut = event.detail.xhr && event.detail.xhr.status === 401;
    note.textContent = signedOut
      ? "That was not recorded: you are signed out. Log in again in another tab, then try again."
      : "That was not recorded: the connection failed. Try again.";
    if (!note.parentNode) question.querySelector("h3").after(note);
    note.focus();
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", function (event) {
    // 422 carries the question with its message and is swapped; anything else failed.
    if (event.detail.xhr && event.detail.xhr.status !== 422) failed(event);
  });
})();
