/* Portal home: fill each widget card from its fragment URL (so a slow system never blocks the
   page). Rearranging happens in an explicit "edit layout" mode (编辑布局): only then do the cards
   show their tools (move, resize, remove; all keyboard operable) and become draggable, so the
   everyday view stays uncluttered. Every change is saved at once through the layout API (CSRF).
   Texts come translated from the page's data-msg-* attributes. */
(function () {
  "use strict";
  var MAX_WIDTH = 4, MAX_HEIGHT = 3, FETCH_TIMEOUT_MS = 20000;
  var root, grid, live, editButton, editTools, editing = false, dragged = null;

  function msg(name, values) {
    var text = root.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }
  function escapeHtml(text) { return text.replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function announce(text) { if (live) { live.textContent = text; } }

  function loadCard(card) {
    var body = card.querySelector(".portal-card-body");
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    fetch(card.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" }, signal: controller && controller.signal })
      .then(function (response) {
        if (response.status === 403) { return '<p class="portal-notice portal-notice-error">' + escapeHtml(msg("forbidden")) + "</p>"; }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .catch(function () { return '<p class="portal-notice portal-notice-error">' + escapeHtml(msg("load-failed")) + "</p>"; })
      .then(function (html) {
        if (timer) { clearTimeout(timer); }
        body.innerHTML = html;
        body.setAttribute("aria-busy", "false");
      });
  }

  function cards() { return Array.prototype.slice.call(grid.querySelectorAll(".portal-card")); }

  function applySize(card) {
    card.style.gridColumn = "span " + card.dataset.width;
    card.style.gridRow = "span " + card.dataset.height;
  }

  function save(message) {
    var items = cards().map(function (card) {
      return { widget: card.dataset.key, width: parseInt(card.dataset.width, 10), height: parseInt(card.dataset.height, 10) };
    });
    return fetch(root.dataset.layoutUrl, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify({ items: items })
    }).then(function (response) {
      announce(response.ok ? (message || msg("saved")) : msg("save-failed"));
    }, function () { announce(msg("offline")); });
  }

  function titleOf(card) { var h = card.querySelector("h2"); return h ? h.textContent : card.dataset.key; }

  function setEditing(card) {
    var tools = card.querySelector(".portal-card-tools");
    if (tools) { tools.hidden = !editing; }
    card.draggable = editing;
    card.classList.toggle("portal-card-editing", editing);
  }

  function toggleEdit(on) {
    editing = on;
    root.classList.toggle("portal-editing", on);
    editButton.setAttribute("aria-pressed", on ? "true" : "false");
    editButton.hidden = on;
    editTools.hidden = !on;
    cards().forEach(setEditing);
    announce(msg(on ? "editing" : "done"));
    if (on) {
      var first = grid.querySelector(".portal-card-tools button");
      (first || editTools.querySelector("select")).focus();
    } else {
      editButton.focus();
    }
  }

  function act(card, action) {
    var title = titleOf(card);
    if (action === "up" && card.previousElementSibling) {
      grid.insertBefore(card, card.previousElementSibling);
    } else if (action === "down" && card.nextElementSibling) {
      grid.insertBefore(card.nextElementSibling, card);
    } else if (action === "wider" || action === "narrower") {
      var width = parseInt(card.dataset.width, 10) + (action === "wider" ? 1 : -1);
      card.dataset.width = String(Math.min(Math.max(width, 1), MAX_WIDTH));
    } else if (action === "taller") {
      card.dataset.height = String(parseInt(card.dataset.height, 10) % MAX_HEIGHT + 1);
    } else if (action === "remove") {
      var next = card.nextElementSibling || card.previousElementSibling;
      card.remove();
      var target = next && next.querySelector(".portal-card-tools button");
      (target || editTools.querySelector("select")).focus();
      return save(msg("removed", { title: title }));
    } else if (action !== "up" && action !== "down") {
      return;
    }
    applySize(card);
    var button = card.querySelector('[data-action="' + action + '"]');
    if (button) { button.focus(); }
    save(msg("adjusted", { title: title, position: cards().indexOf(card) + 1, width: card.dataset.width, height: card.dataset.height }));
  }

  function addWidget() {
    var select = document.getElementById("portal-add");
    var option = select.options[select.selectedIndex];
    if (!option) { return; }
    var existing = grid.querySelector('[data-key="' + option.value + '"]');
    if (existing) { existing.querySelector("button").focus(); announce(msg("present", { title: option.dataset.title })); return; }
    var html = document.getElementById("portal-card-template").innerHTML
      .split("__key__").join(encodeURIComponent(option.value))
      .split("__title__").join(escapeHtml(option.dataset.title));
    var holder = document.createElement("ol");
    holder.innerHTML = html.trim();
    var card = holder.firstElementChild;
    grid.appendChild(card);
    applySize(card);
    setEditing(card);
    loadCard(card);
    save(msg("added", { title: option.dataset.title }));
  }

  function setUpDrag() {
    grid.addEventListener("dragstart", function (event) {
      if (!editing) { event.preventDefault(); return; }
      dragged = event.target.closest(".portal-card");
      if (dragged) { dragged.classList.add("portal-dragging"); event.dataTransfer.effectAllowed = "move"; event.dataTransfer.setData("text/plain", dragged.dataset.key); }
    });
    grid.addEventListener("dragover", function (event) {
      var over = event.target.closest(".portal-card");
      if (!dragged || !over || over === dragged) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = (event.clientY - box.top) > box.height / 2 || (event.clientX - box.left) > box.width / 2;
      grid.insertBefore(dragged, after ? over.nextElementSibling : over);
    });
    grid.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("portal-dragging");
      var title = titleOf(dragged);
      dragged = null;
      save(msg("moved", { title: title }));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.querySelector(".portal[data-layout-url]");
    if (!root) { return; }
    grid = root.querySelector(".portal-grid");
    live = root.querySelector(".portal-live");
    editButton = root.querySelector('[data-action="edit"]');
    editTools = document.getElementById("portal-edit-tools");
    cards().forEach(function (card) { applySize(card); loadCard(card); });
    grid.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && editing) { act(button.closest(".portal-card"), button.dataset.action); }
    });
    editButton.addEventListener("click", function () { toggleEdit(true); });
    root.querySelector('[data-action="done"]').addEventListener("click", function () { toggleEdit(false); });
    root.addEventListener("keydown", function (event) { if (editing && event.key === "Escape") { toggleEdit(false); } });
    root.querySelector('[data-action="add"]').addEventListener("click", addWidget);
    root.querySelector('[data-action="reset"]').addEventListener("click", function () {
      fetch(root.dataset.layoutUrl, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": root.dataset.csrf } })
        .then(function () { window.location.reload(); });
    });
    setUpDrag();
  });
})();
