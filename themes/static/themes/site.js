/* Small enhancements for the public site. Every feature works without this file:
   - the elder-mode link sets a cookie on the server; here it switches in place;
   - search boxes are plain GET forms; here they get type-ahead from /api/search/suggest/
     (ARIA 1.2 combobox: arrows, Enter, Escape);
   - print buttons are links to window.print only when scripting is on. */
(function () {
  "use strict";

  var ELDER_COOKIE = "elder_mode";

  function setElderMode(on) {
    document.documentElement.classList.toggle("elder-mode", on);
    if (on) {
      document.cookie = ELDER_COOKIE + "=1; path=/; max-age=31536000; samesite=lax";
    } else {
      document.cookie = ELDER_COOKIE + "=; path=/; max-age=0; samesite=lax";
    }
    var toggles = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  function initElderToggle() {
    var toggles = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].addEventListener("click", function (event) {
        event.preventDefault();
        setElderMode(!document.documentElement.classList.contains("elder-mode"));
      });
      // role=button: Space activates it as it would a button (Enter already follows the link).
      toggles[i].addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          this.click();
        }
      });
    }
  }

  function initPrint() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  var counter = 0;

  function initSuggest(input) {
    var form = input.form;
    var listId = "suggest-" + (++counter);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    var wrapper = document.createElement("div");
    wrapper.className = "suggestions-box";
    wrapper.style.flex = "1";
    wrapper.style.display = "flex";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var active = -1;
    var timer = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(text) {
      input.value = text;
      close();
      form.submit();
    }

    function show(suggestions) {
      list.innerHTML = "";
      if (!suggestions.length) { close(); return; }
      suggestions.slice(0, 8).forEach(function (text, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = text;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(text); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (!q) { close(); return; }
      fetch("/api/search/suggest/?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) { if (input.value.trim() === q) show(body.suggestions || []); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      var count = list.querySelectorAll("li").length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && count) {
        event.preventDefault();
        choose(list.querySelectorAll("li")[active].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initElderToggle();
    initPrint();
    if (window.fetch) {
      var inputs = document.querySelectorAll("input[data-suggest]");
      for (var i = 0; i < inputs.length; i++) initSuggest(inputs[i]);
    }
  });
})();
