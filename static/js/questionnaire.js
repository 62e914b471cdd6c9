// The autosave of the questionnaire (the founder's pages and a person answering by
// link) and of the results page's action plan. A save that fails must never look like
// it worked: say so beside the field and offer a retry.
(function () {
  function statusFor(detail) {
    var target = detail.target;
    return target && target.classList && target.classList.contains("save-status") ? target : null;
  }
  function fail(event, text) {
    var status = statusFor(event.detail);
    if (!status) return;
    var source = event.detail.elt;
    status.classList.remove("saved", "htmx-request");
    status.classList.add("failed");
    status.textContent = text + " ";
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "link-button";
    retry.textContent = "Try again";
    retry.addEventListener("click", function () { htmx.trigger(source, "change"); });
    status.appendChild(retry);
  }
  document.body.addEventListener("htmx:sendError", function (event) {
    fail(event, "Not saved: we could not reach the server. Check your connection.");
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status === 422) return;  // validation message is swapped in
    if (event.detail.xhr.status === 401) {
      // Signed out (in another tab, or the session ran out): what was typed stays here.
      fail(event, "Not saved: you are signed out. Log in again in another tab, then");
      return;
    }
    fail(event, "Not saved: something went wrong on our side.");
  });
  // A field whose value was refused is marked invalid for assistive technology and
  // styled as such, until a save of it succeeds.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var field = event.detail.elt;
    if (!statusFor(event.detail) || !field.matches("input, textarea, select")) return;
    if (event.detail.xhr && event.detail.xhr.status === 422) {
      field.setAttribute("aria-invalid", "true");
    } else if (event.detail.successful) {
      field.removeAttribute("aria-invalid");
    }
  });

  // A number typed beside a ticked "Not sure" is an answer, so typing it unticks "Not
  // sure" before the autosave sends them; ticking "Not sure" again keeps the number, and
  // the note under it says that the number is not scored while "Not sure" is ticked.
  function notScored(question) {
    var number = question.querySelector("input[type=number]");
    var notSure = question.querySelector("input[data-not-sure]");
    var note = question.querySelector("[data-not-scored]");
    if (!number || !notSure || !note) return;
    note.textContent = notSure.checked && number.value.trim() !== "" ? note.dataset.notScored : "";
  }
  document.body.addEventListener("input", function (event) {
    var number = event.target;
    if (!number.matches("input[type=number]")) return;
    var question = number.closest(".question");
    var notSure = question && question.querySelector("input[data-not-sure]");
    if (!notSure) return;
    if (notSure.checked && number.value.trim() !== "") notSure.checked = false;
    notScored(question);
  });
  document.body.addEventListener("change", function (event) {
    if (!event.target.matches("input[data-not-sure]")) return;
    var question = event.target.closest(".question");
    if (question) notScored(question);
  });

  // The action plan saves a row at a time and says beside each field what it refused;
  // a field with such a message is marked invalid until a save clears it.
  document.body.addEventListener("htmx:afterSettle", function () {
    var plan = document.getElementById("action-plan-form");
    if (!plan) return;
    plan.querySelectorAll("p.error[id$='_error']").forEach(function (message) {
      var field = document.getElementById(message.id.slice(0, -"_error".length));
      if (!field) return;
      if (message.textContent.trim()) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    });
  });

  // A record's add and Edit forms have their fields in the section's form, so Enter in one
  // would send the whole section; it adds or saves the record instead, as the form's own
  // button does.
  document.body.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("[data-record-form] input")) return;
    var button = event.target.closest("[data-record-form]").querySelector("[data-record-button]");
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  // Leaving must not lose typing that the debounced autosave has not sent yet, nor a
  // save still on its way: if any change is unconfirmed as the page goes away, the
  // whole form is sent once more, as it would be without JavaScript.
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var unconfirmed = new Map();  // field -> number of edits not yet confirmed saved
  var submitting = false;
  // The fields of the records' add and Edit forms belong to this form too, though they
  // sit outside it: what is typed there and not yet added or saved is sent on the way out
  // as well.
  function edited(event) {
    var field = event.target;
    if (!field.name || field.form !== form) return;
    unconfirmed.set(field, (unconfirmed.get(field) || 0) + 1);
  }
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
  form.addEventListener("submit", function () { submitting = true; });
  // A change the server refuses because the assessment became final reloads the page
  // (HX-Refresh): sending the form once more on the way out would be refused as well.
  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr.getResponseHeader("HX-Refresh") === "true") submitting = true;
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var field = event.detail.elt;
    var record = field.matches("[data-record-button]") && field.closest("[data-record-form]");
    if (record) {
      // The record is on its way: sending it again on leaving would add it twice.
      unconfirmed.forEach(function (count, typed) {
        if (record.contains(typed)) unconfirmed.delete(typed);
      });
    }
    if (unconfirmed.has(field)) field.dataset.editsSent = unconfirmed.get(field);
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var field = event.detail.elt;
    if (event.detail.successful && String(unconfirmed.get(field)) === field.dataset.editsSent) {
      unconfirmed.delete(field);
    }
  });

  // A record typed into an add form, or changed in an Edit form, and not yet added or
  // saved: the server may refuse it once the page is gone, so leaving asks first. A form
  // the server sent back refused (data-unsaved) holds such a record as it loads.
  function changedSinceLoaded(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      var shown = 0;  // the first option, unless the page marked another as selected
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].defaultSelected) shown = i;
      }
      return field.selectedIndex !== shown;
    }
    return field.value !== field.defaultValue;
  }
  function recordNotSaved() {
    return Array.prototype.some.call(document.querySelectorAll("[data-record-form]"), function (group) {
      if (group.hasAttribute("data-unsaved")) return true;
      return Array.prototype.some.call(
        group.querySelectorAll("input[name], textarea[name], select[name]"), changedSinceLoaded
      );
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !recordNotSaved()) return;
    event.preventDefault();
    event.returnValue = "";  // what older browsers need to ask
  });

  window.addEventListener("pagehide", function () {
    // A field no longer on the page (an Edit form cancelled, a list swapped) has nothing
    // left to send.
    unconfirmed.forEach(function (count, field) {
      if (!field.isConnected) unconfirmed.delete(field);
    });
    if (submitting || !navigator.sendBeacon) return;
    if (unconfirmed.size === 0 && !recordNotSaved()) return;
    var data = new FormData(form);
    data.set("go", "stay");  // save where we are; do not move the resume point on
    navigator.sendBeacon(form.action, data);
  });
})();
